import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { pythonJsonDumps } from '../../src/core/json/pyjson.js';
import { computeRequestHash } from '../../src/core/hash/request-hash.js';
import { HASH_SCHEMES } from '../../src/core/hash/schemes.js';
import type { JsonObject } from '../../src/core/json/json-value.js';
import { ROOT, makeTempDir } from '../helpers.js';

/** Deterministic pseudo-random numbers (xorshift32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** JSON number texts at every magnitude, ties at 5 decimals, and the awkward ones by hand. */
function numberCases(): string[] {
  const next = random(20261126);
  const cases = [
    '0.0',
    '-0.0',
    '0',
    '-0',
    '1.0',
    '1e16',
    '1e15',
    '1E5',
    '1e+5',
    '2.5E-3',
    '123456789012345678.0',
    '1e-5',
    '0.0001',
    '1.5e-07',
    '5e-324',
    '1.7976931348623157e308',
    '1e400',
    '-1e400',
    '0.1',
    '0.3',
    '2.675',
    '1.005',
    '0.015625',
    '-0.015625',
    '0.046875',
    '0.000015',
    '9007199254740993',
    '12345678901234567890123',
    '-98765432109876543210',
    '1e22',
    '1e21',
    '123456.789012',
    '0.99999999999999999',
  ];
  for (let i = 0; i < 400; i++) {
    const exponent = Math.floor(next() * 60) - 30;
    cases.push(String((next() - 0.5) * 10 ** exponent));
  }
  for (let i = 0; i < 400; i++) cases.push((Math.floor(next() * 2_000_000) / 64 / 1000).toFixed(Math.floor(next() * 8) + 1));
  for (let i = 0; i < 200; i++) cases.push(`${Math.floor(next() * 1000)}.${String(Math.floor(next() * 1e9)).padStart(9, '0')}`);
  return cases;
}

const STRING_CASES = [
  'plain',
  'café',
  '😀 astral',
  '\u0000\u0001\u001f\u007f\u0080',
  '"quotes" \\ back\\slash /slash',
  '\b\f\n\r\t',
  '\u2028\u2029',
  '\ud800 lone',
  '\udfff',
  '\ufeff bom',
  '\ue000 private',
  'score: 0.95 and score:1e-3 and score: -.5',
  'x, attributes: {a: 1, b: "c"} y',
  'document_id: 123e4567-e89b-12d3-a456-426614174000 end',
  '<|123e4567-e89b-12d3-a456-426614174000|>',
  'pi is 3.14159265 and -2.000001 and 1.23456 and 1.2345',
  'arabic ٣.١٤١٥٩٢ digits',
  'tie 0.0000150000 and 2.6750000',
  'score:\u00a00.5 nbsp',
  'big 123456789012345678901234567890.123456',
  'dot only 1. and .5 and 1.234',
];

function pythonOracle(script: string, input: unknown): unknown {
  const file = join(makeTempDir(), 'cases.json');
  writeFileSync(file, JSON.stringify(input));
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

describe('pythonJsonDumps is byte-exact with python3 json.dumps(sort_keys=True)', () => {
  it('on numbers at every magnitude, big ints, -0 and overflow', () => {
    const texts = numberCases().map((n) => `[${n}]`);
    const expected = pythonOracle(
      'import json,sys\nprint(json.dumps([json.dumps(json.loads(t), sort_keys=True) for t in json.load(open(sys.argv[1]))]))',
      texts,
    ) as string[];
    texts.forEach((text, i) => expect(pythonJsonDumps(parsePythonJson(text, { lossless: true })), text).toBe(expected[i]));
  });

  it('on strings: non-ASCII, astral, control characters, lone surrogates; keys in code-point order', () => {
    const texts = [
      ...STRING_CASES.map((s) => JSON.stringify({ s })),
      JSON.stringify({ '\ue000': 1, '😀': 2, a: 3, B: [true, false, null], '': {}, nested: { z: [], y: [{ b: 1, a: 2 }] } }),
    ];
    const expected = pythonOracle(
      'import json,sys\nprint(json.dumps([json.dumps(json.loads(t), sort_keys=True) for t in json.load(open(sys.argv[1]))]))',
      texts,
    ) as string[];
    texts.forEach((text, i) => expect(pythonJsonDumps(parsePythonJson(text, { lossless: true })), text).toBe(expected[i]));
  });
});

describe('computeRequestHash agrees with the python3 oracle (test/oracle/request_hash.py)', () => {
  it('under every scheme, on requests full of floats and strings that normalisation rewrites', () => {
    const dir = makeTempDir();
    const numbers = numberCases();
    const files = Array.from({ length: 12 }, (_, i) => {
      const body = `{"model": "gpt-4o", "temperature": ${numbers[i]}, "values": [${numbers.slice(i * 80, i * 80 + 80).join(', ')}], "messages": [{"role": "user", "content": ${JSON.stringify(STRING_CASES[i % STRING_CASES.length])}}], "extra_body": {"project_id": "p-1", "k": 1.0}, "stream_options": {"include_usage": true}}`;
      const url =
        i % 3 === 0
          ? 'https://bedrock-runtime.us-east-1.amazonaws.com/v1/chat/completions'
          : 'https://api.openai.com/v1/v1/chat/completions';
      const text = `{\n  "test_id": "tests/integration/inference/test_x.py::test_${i}",\n  "request": {"method": "post", "url": "${url}", "headers": {}, "body": ${body}},\n  "response": {"body": null, "is_streaming": false}\n}\n`;
      const path = join(dir, `case-${i}.json`);
      writeFileSync(path, text);
      return { path, text };
    });
    for (const scheme of HASH_SCHEMES) {
      const expected = execFileSync('python3', [join(ROOT, 'test/oracle/request_hash.py'), scheme, ...files.map((f) => f.path)], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n');
      files.forEach((file, i) =>
        expect(computeRequestHash(parsePythonJson(file.text, { lossless: true }) as JsonObject, scheme), `${scheme} case ${i}`).toBe(
          expected[i],
        ),
      );
    }
  });
});
