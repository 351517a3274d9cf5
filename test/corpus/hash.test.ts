import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRequestHash } from '../../src/core/hash/request-hash.js';
import { HASH_SCHEMES } from '../../src/core/hash/schemes.js';
import type { JsonObject } from '../../src/core/json/json-value.js';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { readSqliteTable } from '../../src/core/legacy/sqlite-reader.js';
import { CORPUS, ROOT, ogxCorpusFiles, plainRows, pythonSqliteRows } from '../helpers.js';

describe('computeRequestHash agrees with the python3 oracle', () => {
  it('on every ogx recording of ../shared/corpus, under every scheme', () => {
    const files = ogxCorpusFiles();
    for (const scheme of HASH_SCHEMES) {
      const expected = execFileSync('python3', [join(ROOT, 'test/oracle/request_hash.py'), scheme, ...files], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      })
        .trim()
        .split('\n');
      files.forEach((file, i) => {
        const text = readFileSync(file, 'utf8');
        const ours = computeRequestHash(parsePythonJson(text, { lossless: true }) as JsonObject, scheme);
        expect(ours ?? 'None', `${scheme} ${file}`).toBe(expected[i]);
      });
    }
  });
});

const LEGACY_INDEX = join(CORPUS, 'llama-stack-2025-08', 'tests', 'integration', 'recordings', 'index.sqlite');

describe('readSqliteTable', () => {
  it('reads the recorder index of the real 2025 corpus as python3 does', () => {
    const rows = readSqliteTable(LEGACY_INDEX, 'recordings');
    expect(rows.length).toBeGreaterThan(100);
    expect(plainRows(rows)).toEqual(pythonSqliteRows(LEGACY_INDEX, 'recordings'));
  });
});
