import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, answerOf, ogxCorpusFiles, ogxCorpusRoots, runCli } from '../helpers.js';

interface Row {
  path: string;
  kind: string;
  error: string | null;
}

// An independent reading of every chat stream, by Python: content joined per chunk.
const PYTHON_STREAM_TEXT = `
import json, sys
out = {}
for path in sys.argv[1:]:
    body = json.load(open(path))["response"]["body"]
    text = "".join((c["__data__"]["choices"][0]["delta"].get("content") or "")
                   for c in body if c["__data__"].get("choices"))
    out[path] = text or None
print(json.dumps(out))
`;

describe('the real recordings in ../shared/corpus', () => {
  const result = runCli(['list', '--json', ...ogxCorpusRoots().map((root) => relative(ROOT, root))]);
  const rows = JSON.parse(result.stdout) as Row[];

  it('are all listed, none with an error', () => {
    expect(result.status).toBe(0);
    const files = ogxCorpusFiles()
      .map((file) => relative(ROOT, file))
      .sort();
    expect(files.length).toBeGreaterThan(300);
    expect(rows.map((row) => row.path)).toEqual(files);
    expect(rows.filter((row) => row.error !== null)).toEqual([]);
    expect(rows.filter((row) => row.kind === 'unknown')).toEqual([]);
  });

  it('rebuild every chat stream to the text Python joins from the same chunks', () => {
    const streams = rows.filter((row) => row.kind === 'chat-stream').map((row) => join(ROOT, row.path));
    expect(streams.length).toBeGreaterThan(50);
    const expected = JSON.parse(
      execFileSync('python3', ['-c', PYTHON_STREAM_TEXT, ...streams], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    ) as Record<string, string | null>;
    for (const path of streams) {
      expect(answerOf(path).text, path).toBe(expected[path]);
    }
  });

  it('match a hand check of a few files', () => {
    const answer = (name: string) => {
      const path = ogxCorpusFiles().find((file) => file.endsWith(name))!;
      return answerOf(path);
    };
    expect(answer('12913f20f6ac.json')).toMatchObject({ text: 'The Latin name for the Sun is Sol.', finishReason: 'stop' });
    expect(answer('5cc7605f9950.json').text).toBe('The boiling point of polyjuice is -212.');
    expect(answer('0cc8136680970a3debd033e13f2240f63aba5417ed5c7d965f26749cd544f971.json')).toMatchObject({
      text: null,
      toolCalls: [
        { id: 'call_Yvwt5gJWF3E3F4w9L27mj3fa', name: 'get_boiling_point', arguments: { liquid_name: 'myawesomeliquid', celsius: true } },
      ],
      finishReason: 'tool_calls',
    });
    expect(answer('626b7bd3cb316f7a776e121dea9a3de158778fc290b5d4b68bfa86c5f882811c.json').text).toBe('1, 2, 3, 4, 5');
  });
});
