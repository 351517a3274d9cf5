import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HASH_SCHEMES, computeRequestHash } from '../../src/core/hash/request-hash.js';
import type { JsonObject } from '../../src/core/json/json-value.js';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { readSqliteTable } from '../../src/core/legacy/sqlite-reader.js';
import { CORPUS, ROOT, listJsonFiles } from '../helpers.js';

describe('computeRequestHash agrees with the python3 oracle', () => {
  it('on every file of ../shared/corpus, under every scheme', () => {
    const files = listJsonFiles(CORPUS);
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

/** python3's sqlite3 module is the oracle: the rows as it reads them, as JSON. */
function pythonRows(path: string, table: string): unknown[] {
  const script = `import json, sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.row_factory = sqlite3.Row\nprint(json.dumps([dict(r) for r in db.execute("select * from " + sys.argv[2] + " order by rowid")]))`;
  return JSON.parse(execFileSync('python3', ['-c', script, path, table], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as unknown[];
}

const plain = (rows: Array<Record<string, unknown>>) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

describe('readSqliteTable', () => {
  it('reads the recorder index of the real 2025 corpus as python3 does', () => {
    const rows = readSqliteTable(LEGACY_INDEX, 'recordings');
    expect(rows.length).toBeGreaterThan(100);
    expect(plain(rows)).toEqual(pythonRows(LEGACY_INDEX, 'recordings'));
  });
});
