import { describe, expect, it } from 'vitest';
import { parseJsonBuffer } from '../../src/core/read-file.js';

const read = (content: string | Buffer) => parseJsonBuffer(typeof content === 'string' ? Buffer.from(content) : content);

describe('parseJsonBuffer: every broken file has a one-line reason', () => {
  it.each([
    ['an empty file', '', 'empty file'],
    ['only whitespace', '  \n\t', 'file holds only whitespace'],
    ['truncated JSON', '{"request": {"method": "PO', 'truncated JSON: unterminated string at line 1, column 27'],
    ['a truncated container', '{"request": {}, "response": [1,', 'truncated JSON: unexpected end of input at line 1, column 32'],
    ['invalid JSON', '{"request": {}, }', "invalid JSON: expected a string key at line 1, column 17"],
  ])('%s', (_name, content, reason) => {
    const result = read(content);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(reason);
  });

  it('names the offset of the first byte that is not UTF-8', () => {
    const result = read(Buffer.concat([Buffer.from('{"a": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    expect(!result.ok && result.reason).toBe('not valid UTF-8 (first bad byte at offset 10)');
  });

  it('accepts valid multi-byte UTF-8', () => {
    expect(read('{"a": "café 😀"}')).toMatchObject({ ok: true, value: { a: 'café 😀' } });
  });

  it('reads past a BOM but warns, because Python json.load refuses it', () => {
    const result = read('\uFEFF{"a": 1}');
    expect(result).toMatchObject({ ok: true, value: { a: 1 } });
    expect(result.ok && result.warning).toMatch(/byte-order mark/);
  });

  it('parses Python NaN in a float field', () => {
    expect(read('{"score": NaN, "x": -Infinity}')).toMatchObject({ ok: true, value: { score: Number.NaN, x: -Infinity } });
  });
});
