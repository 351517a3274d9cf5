import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { dumpIndented } from '../../src/core/json/python-dump.js';
import { ogxCorpusFiles } from '../helpers.js';

describe('repairs write files as the recorder does', () => {
  it('parse + write gives back every ogx recording of the corpus byte for byte, as python3 does', () => {
    const files = ogxCorpusFiles();
    expect(files.length).toBeGreaterThan(300);
    // The oracle first: python3's own json.dump(indent=2) and a newline reproduces each file.
    const python = execFileSync(
      'python3',
      [
        '-c',
        'import json,sys\nfor p in sys.argv[1:]:\n    t=open(p,encoding="utf-8").read()\n    print(int(json.dumps(json.loads(t),indent=2)+"\\n"==t))',
        ...files,
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    )
      .trim()
      .split('\n');
    expect(python.every((same) => same === '1')).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(dumpIndented(parsePythonJson(text, { lossless: true })) === text, file).toBe(true);
    }
  });
});
