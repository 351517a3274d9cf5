import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { dumpIndented } from '../../src/core/json/python-dump.js';
import { DEMO, listJsonFiles } from '../helpers.js';

describe("dumpIndented writes what Python's json.dump(indent=2) writes", () => {
  it('gives back every demo recording byte for byte', () => {
    for (const file of listJsonFiles(DEMO)) {
      const text = readFileSync(file, 'utf8');
      expect(dumpIndented(parsePythonJson(text, { lossless: true })), file).toBe(text);
    }
  });

  it('agrees with python3 on awkward values: non-ASCII, astral, control characters, floats, big ints, NaN, empty containers', () => {
    const source =
      '{"b": [], "a": {}, "s": "caf\\u00e9 \\ud83d\\ude00 \\u0007 \\"q\\"", "f": [1.0, 1e-05, 1e+16, -0.0, NaN, Infinity], "i": 123456789012345678901234567890, "n": [null, true, {"x": [[]]}]}';
    const python = execFileSync('python3', ['-c', 'import json,sys; print(json.dumps(json.loads(sys.stdin.read()), indent=2))'], {
      input: source,
      encoding: 'utf8',
    });
    expect(dumpIndented(parsePythonJson(source, { lossless: true }))).toBe(python);
  });
});
