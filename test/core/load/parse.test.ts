import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseRecordingText } from '../../../src/core/load/parse.js';
import { makeProblem } from '../../../src/core/load/problems.js';
import { readDiskFile } from '../../../src/core/sources/disk.js';
import { MAX_BYTES, decodeBytes } from '../../../src/core/sources/source.js';
import { makeTempDir } from '../../helpers.js';

/** Bytes through the source's decoding and the loader's parse, as a file on disk goes. */
function read(content: string | Buffer) {
  const raw = decodeBytes(typeof content === 'string' ? Buffer.from(content) : content);
  if (!raw.ok) return { ok: false as const, code: raw.problem.code, reason: raw.problem.message };
  const parsed = parseRecordingText(raw.text, raw.bytes);
  return parsed.ok
    ? { ok: true as const, value: parsed.value, warning: parsed.warning?.message ?? null }
    : { ok: false as const, code: parsed.problem.code, reason: parsed.problem.message };
}

describe('reading a file: every broken file has a one-line reason', () => {
  it.each([
    ['an empty file', '', 'empty file'],
    ['only whitespace', '  \n\t', 'file holds only whitespace'],
    ['truncated JSON', '{"request": {"method": "PO', 'truncated JSON: unterminated string at line 1, column 27'],
    ['a truncated container', '{"request": {}, "response": [1,', 'truncated JSON: unexpected end of input at line 1, column 32'],
    ['invalid JSON', '{"request": {}, }', 'invalid JSON: expected a string key at line 1, column 17'],
  ])('%s', (_name, content, reason) => {
    const result = read(content);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(reason);
  });

  it('refuses a large file nested deeper than Python json reads, without building it', () => {
    // 2.2 million nested arrays in 4.4 MB: JSON.parse would build them all, only for Python to refuse the file.
    const result = read(`{"response": ${'['.repeat(2_200_000)}${']'.repeat(2_200_000)}}`);
    expect(result).toMatchObject({ ok: false, code: 'parse/too-deep', reason: 'too deeply nested to read' });
  });

  it('refuses a file of a few MB nested 1.9 million deep the same way, before JSON.parse builds it', () => {
    const result = read(`{"response": ${'['.repeat(1_900_000)}${']'.repeat(1_900_000)}}`);
    expect(result).toMatchObject({ ok: false, code: 'parse/too-deep' });
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

describe('readDiskFile', () => {
  it('says how large a file over the limit is, and what the limit is', () => {
    expect(makeProblem('parse/too-large', { bytes: 2041, limit: 1000 }).message).toBe('file is 2.0 KB, over the 1000 B limit');
  });

  it('stops inflating a .gz past the limit of a file, and says so', () => {
    const path = join(makeTempDir(), 'test_bomb.yaml.gz');
    writeFileSync(path, gzipSync(Buffer.alloc(MAX_BYTES + 1)));
    expect(readDiskFile(path)).toMatchObject({
      ok: false,
      problem: { code: 'parse/too-large', data: { limit: MAX_BYTES } },
    });
  });

  it('tells a real U+FFFD character from bytes that are not UTF-8', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'real.json'), '{"a": "\uFFFD"}');
    expect(readDiskFile(join(dir, 'real.json'))).toMatchObject({ ok: true, text: '{"a": "\uFFFD"}' });
    writeFileSync(join(dir, 'bad.json'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]));
    expect(readDiskFile(join(dir, 'bad.json'))).toMatchObject({
      ok: false,
      problem: { code: 'parse/not-utf8', message: 'not valid UTF-8 (first bad byte at offset 6)' },
    });
  });

  it('reports a path that cannot be read', () => {
    expect(readDiskFile(join(makeTempDir(), 'missing.json'))).toMatchObject({
      ok: false,
      bytes: 0,
      problem: { code: 'parse/unreadable', message: 'no such file' },
    });
  });
});
