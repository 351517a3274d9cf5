import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import type { Context, Outcome } from '../src/cli/context.js';
import type { Terminal } from '../src/cli/terminal.js';
import type { Config } from '../src/core/config.js';
import { indexRecordings } from '../src/core/load/index-recordings.js';
import { openRecording, type Recording } from '../src/core/load/open-recording.js';
import { createDiskSource, diskFile } from '../src/core/sources/disk.js';
import type { Answer } from '../src/core/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The real recordings, for `npm run test:corpus` only: `npm test` needs nothing beside the clone. */
export const CORPUS = resolve(ROOT, process.env.CASSETTE_CORPUS ?? join('..', 'shared', 'corpus'));
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/**
 * The ogx recordings of the corpus: the folders whose tests keep recordings the ogx way, in
 * `recordings/` folders of JSON files. The corpus also holds cassettes of other formats, some
 * with JSON files that are not recordings (go-vcr's scoreboards), and test sources beside them.
 */
export function ogxCorpusRoots(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && ogxRecordingFilesUnder(join(CORPUS, entry.name)).length > 0)
    .map((entry) => join(CORPUS, entry.name));
}

/** Every ogx recording of the corpus: the *.json files below a `recordings` folder of an ogx root. */
export function ogxCorpusFiles(): string[] {
  return ogxCorpusRoots().flatMap(ogxRecordingFilesUnder);
}

function ogxRecordingFilesUnder(dir: string): string[] {
  return listJsonFiles(dir).filter((path) => relative(dir, path).split(sep).includes('recordings'));
}
export const DEMO = join(ROOT, 'recordings');

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs the built binary as a user would, plain output (NO_COLOR) unless env says otherwise. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  if (options.env && 'FORCE_COLOR' in options.env && options.env.FORCE_COLOR !== undefined) env.FORCE_COLOR = options.env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'cassette.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const tempDirs: string[] = [];

/** Called after each test file (test/setup.ts): removes the trees it wrote, pass or fail. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function makeTempDir(prefix = 'cassette-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Writes files (path relative to root -> content) and returns root. */
export function writeTree(root: string, files: Record<string, string | Buffer>): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** Every *.json file below dir, by a plain walk: the expectation the index is checked against. */
/** A digest of every file's path and bytes under root: equal before and after means nothing was written. */
export function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(relative(root, full)).update(readFileSync(full));
    }
  };
  walk(root);
  return hash.digest('hex');
}

export function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listJsonFiles(full) : name.endsWith('.json') ? [full] : [];
  });
}

/** The index of paths on disk, as every command builds it. */
export function indexPaths(paths: string[], cwd: string) {
  return indexRecordings(createDiskSource({ cwd }), paths);
}

/** One file on disk through the loader. */
export function openPath(path: string, cwd = '/'): Recording {
  return openRecording(createDiskSource({ cwd }), diskFile(path, cwd));
}

/** The answer of one file, or the loader's reason as an error. */
export function answerOf(path: string): Answer {
  const answer = openPath(path).answer();
  if (!answer.ok) throw new Error(answer.problem.message);
  return answer.answer;
}

/**
 * A command's context for in-process tests: no colour, a fixed width (or none, as when
 * piped), and stdout/stderr captured.
 */
export function testContext(cwd: string, config: Config = {}, columns: number | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const plain = new Chalk({ level: 0 });
  const terminal: Terminal = {
    out: plain,
    err: plain,
    columns,
    stderrIsTty: false,
    interactive: false,
    write: async (text) => void out.push(text),
    writeError: (text) => void err.push(text),
    writeProgress: (text) => void err.push(text),
  };
  const context: Context = { cwd, config, terminal };
  return { context, stderr: () => err.join('') };
}

/** An outcome's output as one string. */
export const outputOf = (outcome: Outcome): string => (typeof outcome.output === 'string' ? outcome.output : [...outcome.output].join(''));

/** python3's sqlite3 module is the oracle for the SQLite reader: the rows as it reads them, as JSON. */
export function pythonSqliteRows(path: string, table: string): unknown[] {
  const script = `import json, sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.row_factory = sqlite3.Row\nprint(json.dumps([dict(r) for r in db.execute("select * from " + sys.argv[2] + " order by rowid")]))`;
  return JSON.parse(execFileSync('python3', ['-c', script, path, table], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as unknown[];
}

/** Rows with bigints as numbers, to compare with what python3 prints. */
export const plainRows = (rows: Array<Record<string, unknown>>) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
