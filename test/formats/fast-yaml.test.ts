import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NotPyYamlOutput, readPyYaml } from '../../src/formats/decode/fast-yaml.js';

/** What the full parser reads (YAML 1.1, as PyYAML): the fast reader must agree, or refuse. */
const full = (text: string) => parse(text, { version: '1.1' }) as unknown;

describe('the fast reader of PyYAML output', () => {
  it('reads what vcrpy writes: sequences at their key, header lists, status, a string body', () => {
    const text = String.raw`interactions:
- request:
    body: '{"model": "gpt-4o", "messages": [{"role": "user", "content": "It''s a
      long question''s end"}]}'
    headers:
      Accept:
      - '*/*'
      Accept-Encoding:
      - gzip, deflate
    method: POST
    uri: https://api.openai.com/v1/chat/completions?api-version=2024-10-21
  response:
    body:
      string: "{\n  \"id\": \"chatcmpl-1\",\n  \"object\": \"chat.completion\"\n\
        }\n"
    headers:
      Content-Length:
      - '1024'
    status:
      code: 200
      message: OK
version: 1
`;
    expect(readPyYaml(text)).toEqual(full(text));
    expect((readPyYaml(text) as any).interactions[0].request.body).toBe(
      '{"model": "gpt-4o", "messages": [{"role": "user", "content": "It\'s a long question\'s end"}]}',
    );
    expect((readPyYaml(text) as any).interactions[0].response.body.string).toBe(
      '{\n  "id": "chatcmpl-1",\n  "object": "chat.completion"\n}\n',
    );
  });

  it('reads literal blocks with every chomping, !!binary as bytes, {} and [], plain scalars over lines, comments', () => {
    const text = [
      '# VCR cassette for test_x',
      'a: |',
      '  one',
      '    two',
      '',
      'b: |-',
      '  kept',
      'c: |+',
      '  data: {"x": 1}',
      '',
      '',
      'd: !!binary |',
      '  aGVsbG8gd29y',
      '  bGQ=',
      'e: {}',
      'f: []',
      'g: a plain value that PyYAML wrapped',
      '  over two lines',
      'h:',
      '  - 1.5',
      '  - -3',
      '  - null',
      '  - true',
      '  - 2.7.1',
      'i:',
      '',
    ].join('\n');
    const read = readPyYaml(text) as Record<string, unknown>;
    expect(read).toEqual(full(text));
    expect(read.c).toBe('data: {"x": 1}\n\n\n');
    expect(Buffer.from(read.d as Uint8Array).toString()).toBe('hello world');
  });

  it('refuses what it is not sure of, so the full parser reads it: anchors, flow maps, timestamps, 0x, folded blocks', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: {b: 1}\n',
      'a: 2025-01-01\n',
      'a: 0x1F\n',
      'a: >\n  folded\n',
      'a: 1e5\n',
      'a: !!python/tuple [1]\n',
    ])
      expect(() => readPyYaml(text), text).toThrow(NotPyYamlOutput);
  });

  it('refuses what PyYAML refuses or reads otherwise (found by the differential test in fast-yaml-pyyaml.test.ts)', () => {
    for (const text of [
      'uri: https://example.com/x\n   response:\n', // a key continuing a plain scalar
      'version: ? 1\n', // an indicator starting a value
      'a: |+-\n  x\n', // two chomping indicators
      'a: !!binary |\n  2020-01-01\n', // not base64: Python drops what Buffer reads as URL-safe digits
      'a: !!binary |\n  aGk\n', // bad padding: vcrpy cannot load it
      'a: 1\n... b: 2\n', // a document marker
      'a: re\u0085ad\n', // NEL breaks the line for PyYAML
    ])
      expect(() => readPyYaml(text), JSON.stringify(text)).toThrow(NotPyYamlOutput);
  });

  it('reads as PyYAML: spaces around a key’s colon, a blank line after an escaped break, `.` and `-.5` as strings', () => {
    expect(readPyYaml('interactions  :  []\nversion:   1\n')).toEqual({ interactions: [], version: 1 });
    expect(readPyYaml('a: .\nb: -.5\nc: .5\nd: +1.\n')).toEqual({ a: '.', b: '-.5', c: 0.5, d: 1 });
    expect(readPyYaml('a: "one\\\n\n  two"\n')).toEqual({ a: 'one\ntwo' });
  });

  it('reads a key PyYAML leaves a string (n), where a YAML 1.1 parser may make it false', () => {
    expect(readPyYaml('n: 1\n')).toEqual({ n: 1 });
  });
});
