import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteError, readSqliteTable } from '../../src/core/legacy/sqlite-reader.js';
import { DEMO, makeTempDir, plainRows, pythonSqliteRows } from '../helpers.js';

/** The demo corpus's 2025-layout index (written by python3's sqlite3). */
const LEGACY_INDEX = join(DEMO, 'tests', 'integration', 'recordings', 'index.sqlite');

describe('readSqliteTable', () => {
  it('follows interior pages and overflow chains of a large table', () => {
    const path = join(makeTempDir(), 'big.sqlite');
    execFileSync('python3', [
      '-c',
      `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE recordings (id INTEGER PRIMARY KEY, request_hash TEXT, note TEXT, score REAL, n INTEGER)")
for i in range(3000):
    db.execute("INSERT INTO recordings (request_hash, note, score, n) VALUES (?, ?, ?, ?)", ("%064x" % i, ("x" * (i % 7) * 1500) or None, i / 7, i * 100000))
db.commit()
`,
      path,
    ]);
    expect(plainRows(readSqliteTable(path, 'recordings'))).toEqual(pythonSqliteRows(path, 'recordings'));
  });

  it('refuses a file that is not SQLite, a missing table and a truncated file with an SqliteError', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'text.sqlite'), 'hello, this is not a database'.repeat(10));
    expect(() => readSqliteTable(join(dir, 'text.sqlite'), 'recordings')).toThrow(new SqliteError('not an SQLite database'));
    expect(() => readSqliteTable(LEGACY_INDEX, 'nope')).toThrow(SqliteError);
    const truncated = join(dir, 'cut.sqlite');
    writeFileSync(truncated, execFileSync('head', ['-c', '6000', LEGACY_INDEX]));
    expect(() => readSqliteTable(truncated, 'recordings')).toThrow(SqliteError);
  });
});
