/**
 * npm run compare:secrets: cassette's secret rule against secretlint (its recommended preset,
 * the established scanner on npm) on every tree of the corpus, over the files cassette reads
 * as recordings. Findings are deduplicated per file and value; true and false are decided by
 * the hand-reviewed list below (sha256 of each real credential, never the credential). Prints
 * the table docs/safety.md holds. detect-secrets is not on these machines' package index.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { openRecordings } from '../src/core/load/open-recording.js';
import { createDiskSource } from '../src/core/sources/disk.js';
import { findSecrets } from '../src/core/verify/rules/secret.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, process.env.CASSETTE_CORPUS ?? join('..', 'shared', 'corpus'));
const SECRETLINT = join(ROOT, 'node_modules', '.bin', 'secretlint');
const SECRETLINT_CONFIG = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });

/** Real credentials found by any scanner in the corpus, reviewed by hand: sha256 of the value -> where and what. */
const REAL: Record<string, string> = {
  aaf38046887b9c0153bab78412ca80f759e84b6fb6b7f7e227d1bd8d2d887c13: 'openllmetry, test_pinecone_retrieval.yaml: Pinecone Api-Key header',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The corpus's trees: each project under vcr/, and each other folder. */
function trees(): string[] {
  const top = readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory());
  return top.flatMap((name) =>
    name === 'vcr'
      ? readdirSync(join(CORPUS, name))
          .map((project) => join(CORPUS, name, project))
          .filter((path) => statSync(path).isDirectory())
      : [join(CORPUS, name)],
  );
}

interface Result {
  findings: Set<string>;
  ms: number;
}

/** cassette: the rule's own matcher over every recording, timed as the CLI runs it. */
function runCassette(tree: string): Result {
  const source = createDiskSource({ cwd: tree });
  const findings = new Set<string>();
  for (const file of source.list([tree]).files)
    for (const recording of openRecordings(source, file))
      for (const secret of findSecrets(recording)) findings.add(`${file.absPath}\0${secret.value}`);
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, [join(ROOT, 'bin', 'cassette.js'), 'verify', '--json', '--rule', 'secret', tree], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { findings, ms };
}

/** secretlint over the same tree; its findings in the files cassette reads as recordings, by value (its range in the file). */
function runSecretlint(tree: string, files: ReadonlySet<string>): Result & { elsewhere: number } {
  // To a file: secretlint exits before a large report on a pipe is flushed.
  const output = join(mkdtempSync(join(tmpdir(), 'secretlint-')), 'report.json');
  const start = process.hrtime.bigint();
  const run = spawnSync(
    SECRETLINT,
    ['--secretlintrcJSON', SECRETLINT_CONFIG, '--format', 'json', '--no-maskSecrets', '--output', output, '**/*'],
    {
      cwd: tree,
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!existsSync(output)) throw new Error(`secretlint wrote no report in ${tree} (exit ${run.status}): ${run.stderr}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as Array<{ filePath: string; messages: Array<{ range: [number, number] }> }>;
  rmSync(dirname(output), { recursive: true, force: true });
  const findings = new Set<string>();
  let elsewhere = 0;
  for (const file of report) {
    const path = resolve(tree, file.filePath);
    if (!files.has(path)) {
      elsewhere += file.messages.length;
      continue;
    }
    const text = readFileSync(path, 'utf8');
    for (const message of file.messages) findings.add(`${path}\0${text.slice(message.range[0], message.range[1])}`);
  }
  return { findings, ms, elsewhere };
}

const count = (findings: Set<string>) => {
  const values = [...findings].map((finding) => finding.split('\0')[1]!);
  const real = values.filter((value) => sha256(value) in REAL).length;
  return { all: values.length, real, false: values.length - real };
};

const rows: string[] = [];
const totals = { files: 0, cassette: { all: 0, real: 0, false: 0, ms: 0 }, secretlint: { all: 0, real: 0, false: 0, ms: 0 } };
for (const tree of trees()) {
  const source = createDiskSource({ cwd: tree });
  const files = source.list([tree]).files.map((file) => file.absPath);
  const ours = runCassette(tree);
  const theirs = runSecretlint(tree, new Set(files));
  const a = count(ours.findings);
  const b = count(theirs.findings);
  totals.files += files.length;
  for (const [key, value] of [
    ['cassette', { ...a, ms: ours.ms }],
    ['secretlint', { ...b, ms: theirs.ms }],
  ] as const)
    for (const field of ['all', 'real', 'false', 'ms'] as const) totals[key][field] += value[field];
  rows.push(
    `| ${relative(CORPUS, tree)} | ${files.length} | ${a.all} | ${a.real} | ${a.false} | ${ours.ms.toFixed(0)} ms | ${b.all} | ${b.real} | ${b.false} | ${theirs.ms.toFixed(0)} ms${theirs.elsewhere > 0 ? ` (+${theirs.elsewhere} outside recordings)` : ''} |`,
  );
}
console.log('| tree | recordings | cassette findings | true | false | time | secretlint findings | true | false | time |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
const t = totals;
console.log(
  `| all | ${t.files} | ${t.cassette.all} | ${t.cassette.real} | ${t.cassette.false} | ${t.cassette.ms.toFixed(0)} ms | ${t.secretlint.all} | ${t.secretlint.real} | ${t.secretlint.false} | ${t.secretlint.ms.toFixed(0)} ms |`,
);
console.log(`\nreal credentials reviewed by hand: ${Object.keys(REAL).length}`);
