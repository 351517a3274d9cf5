import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTopLevelValue } from '../../../src/core/load/lossless-request.js';
import { DEMO, listJsonFiles, makeTempDir, openPath } from '../../helpers.js';

describe('reading the request losslessly without parsing the whole file', () => {
  it('hashes a minified or re-indented file exactly as the indent=2 original', () => {
    const dir = makeTempDir();
    for (const [i, file] of listJsonFiles(DEMO).entries()) {
      const original = openPath(file);
      for (const [style, args] of [
        ['minified', "separators=(',', ':')"],
        ['indent4', 'indent=4'],
      ] as const) {
        const copy = join(dir, `${i}-${style}.json`);
        execFileSync('python3', [
          '-c',
          `import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], 'w'), ${args})`,
          file,
          copy,
        ]);
        expect(openPath(copy).requestHash('E7'), `${style} ${file}`).toBe(original.requestHash('E7'));
      }
    }
  });

  it('finds a top-level value past strings with quotes, brackets and the key itself inside', () => {
    const text = '{"a": "x\\"request\\": [", "b": {"request": 1}, "request" : {"url": "}]\\\\"}, "z": 2}';
    const span = findTopLevelValue(text, 'request')!;
    expect(text.slice(span.start, span.end).trim()).toBe('{"url": "}]\\\\"}');
    expect(findTopLevelValue('{"a": 1}', 'request')).toBeNull();
    expect(findTopLevelValue('[1, 2]', 'request')).toBeNull();
    expect(findTopLevelValue('{"request": [1, 2', 'request')).toBeNull();
  });

  it('leaves a file with a broken request unhashed instead of failing', () => {
    const path = join(makeTempDir(), 'x.json');
    writeFileSync(path, readFileSync(listJsonFiles(DEMO)[0]!, 'utf8').replace('"request": {', '"request": {"bad": NaNx, '));
    expect(openPath(path).requestHash('E7')).toBeNull();
  });
});
