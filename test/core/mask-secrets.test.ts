import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/core/secrets.js';

const KEY = 'sk-proj-Ab3dE5fG7hJ9kL1mN3pQ5rS7T9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9';
const TOKEN = 'gsk8Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz';

/** A list --json of many rows, test names with `apiKey` in them, secrets where the pieces put them. */
function listOutput(rows: readonly string[]): string {
  return JSON.stringify(
    rows.map((extra, i) => ({ id: `ListModels-${i}#0`, testId: `.::TestClient/errors/bad_apiKey/ListModels-${i}`, note: extra })),
    null,
    2,
  );
}

describe('maskSecrets on large outputs', () => {
  it('masks a large text exactly as it masks each part of it: keys, bearer tokens, key= parameters and credential pairs', () => {
    const piece = fc.constantFrom(
      '',
      'plain words',
      `a key ${KEY} in text`,
      `Bearer ${TOKEN}`,
      `https://example.com/v1?key=${TOKEN}&x=1`,
      // In a JSON string its quotes are escaped: the same either way, whatever the masker makes of it.
      `"api_key": "pairValue8Qw3Er5Ty7"`,
      'bad_apiKey',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 900, maxLength: 1500 }), (rows) => {
        const text = listOutput(rows);
        expect(text.length).toBeGreaterThan(64 * 1024);
        // Masked row by row (each far below the size where only the hints' surroundings are masked).
        const expected = `[\n${text
          .slice(2, -2)
          .split('\n  },\n')
          .map((row) => maskSecrets(row))
          .join('\n  },\n')}\n]`;
        expect(maskSecrets(text)).toBe(expected);
        expect(maskSecrets(text)).not.toContain(KEY);
        expect(maskSecrets(text)).not.toContain(TOKEN);
      }),
      { numRuns: 15 },
    );
  });
});
