import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRequestHash } from '../../src/core/hash/request-hash.js';
import type { JsonObject } from '../../src/core/json/json-value.js';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, runCli, writeTree } from '../helpers.js';

interface Report {
  files: number;
  errors: number;
  warnings: number;
  problems: Array<{ path: string; rule: string; severity: string; message: string }>;
}

const streamFile = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const streamText = readFileSync(streamFile, 'utf8');
const INFERENCE = 'tests/integration/inference/recordings';

describe('cassette verify (built binary)', () => {
  it('passes the demo corpus with no arguments: summary on stdout, exit 0', () => {
    const result = runCli(['verify']);
    expect(result).toMatchObject({
      status: 0,
      stderr: '',
      stdout:
        '19 files, 0 errors, 0 warnings\nhash scheme: by layout (no recorder source found): E2 for recordings/responses/, E7 elsewhere\n',
    });
  });

  it('refuses a CASSETTE_JOBS that is not a count of threads, before any work', () => {
    for (const jobs of ['0', 'two', '-1']) {
      const result = runCli(['verify'], { env: { CASSETTE_JOBS: jobs } });
      expect(result).toMatchObject({ status: 2, stdout: '' });
      expect(result.stderr).toContain(`CASSETTE_JOBS must be a whole number from 1, not '${jobs}'`);
    }
    expect(runCli(['verify'], { env: { CASSETTE_JOBS: '1' } }).status).toBe(0);
  });

  it('prints problems grouped by file, the summary and the rules by count', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: streamText, [`${INFERENCE}/empty.json`]: '' });
    const result = runCli(['verify'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        [
          `^${INFERENCE}/${'ab'.repeat(32)}\\.json`,
          '  error    hash           name matches no hash scheme: .*: no re-recording needed: cassette rehash --write renames it \\(or removes a stale copy\\)',
          '',
          `${INFERENCE}/empty\\.json`,
          '  error    parse          empty file; the recorder cannot load this file: fix or delete it',
          '',
          '2 files, 2 errors, 0 warnings',
          'rules: hash 1, parse 1',
          // One advice everywhere for a stale name: the message, this count and rehash's own plan agree.
          'cassette rehash --write fixes 1 file of them: renames, no re-recording',
          'hash scheme: by layout .*\n$',
        ].join('\n'),
      ),
    );
  });

  it('writes GitHub annotations, escaped', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/a,b.json`]: '' });
    const result = runCli(['verify', '--format', 'github'], { cwd: root });
    expect(result.stdout).toBe(
      `::error file=${INFERENCE}/a%2Cb.json,title=cassette parse/empty::empty file; the recorder cannot load this file: fix or delete it\n` +
        'cassette verify: 1 file, 1 error (parse 1), 0 warnings; failed\n',
    );
  });

  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY with --format github, and only then', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/a.json`]: '', 'summary.md': '' });
    const env = { GITHUB_STEP_SUMMARY: join(root, 'summary.md') };
    expect(runCli(['verify'], { cwd: root, env }).status).toBe(1);
    expect(readFileSync(join(root, 'summary.md'), 'utf8')).toBe('');
    expect(runCli(['verify', '--format', 'github'], { cwd: root, env }).status).toBe(1);
    expect(readFileSync(join(root, 'summary.md'), 'utf8')).toContain('| parse | `parse/empty` | error | 1 |');
  });

  it('writes JUnit XML to --output, one case per file', () => {
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/bad.json`]: '',
      'tests/integration/inference/recordings/x/ok.json': streamText,
    });
    const result = runCli(['verify', '--format', 'junit', '--output', 'report.xml', '--skip-rule', 'hash,location'], {
      cwd: root,
      env: { FORCE_COLOR: '1' },
    });
    expect(result.status).toBe(1);
    // The console still gets the human report, as pytest does with --junitxml; the file gets no colour.
    expect(result.stdout).toContain('2 files, 1 error, 0 warnings');
    expect(result.stdout).toContain('report written to report.xml');
    expect(readFileSync(join(root, 'report.xml'), 'utf8')).not.toMatch(/\u001b|\\x1b/);
    const xml = readFileSync(join(root, 'report.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="cassette verify" tests="2" failures="1" errors="0" skipped="0">');
    expect(xml).toContain(
      `<testcase classname="cassette.verify" name="${INFERENCE}/bad.json">\n      <failure type="parse/empty" message="empty file; the recorder cannot load this file: fix or delete it">`,
    );
    expect(xml).toContain(`<testcase classname="cassette.verify" name="${INFERENCE}/x/ok.json"/>`);
  });

  it('selects rules with --rule and --skip-rule, and rejects unknown ones with exit 2', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: streamText, [`${INFERENCE}/empty.json`]: '' });
    const rules = (args: string[]) =>
      (JSON.parse(runCli(['verify', '--json', ...args], { cwd: root }).stdout) as Report).problems.map((p) => p.rule);
    expect(rules(['--rule', 'parse'])).toEqual(['parse']);
    expect(rules(['--skip-rule', 'parse'])).toEqual(['hash']);
    const bad = runCli(['verify', '--rule', 'hsh'], { cwd: root });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('cassette: --rule: unknown value \'hsh\' (did you mean "hash"?)\nhint: choose from: parse, schema');
  });

  it('fails on warnings only with --strict', () => {
    const recording = JSON.parse(streamText) as { response: { body: Array<{ __data__: { created: number } }> } };
    recording.response.body[0]!.__data__.created = 1_700_000_000;
    const name = streamFile.split('/').at(-1)!;
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${name}`]: JSON.stringify(recording, null, 2) });
    expect(runCli(['verify'], { cwd: root }).status).toBe(0);
    const strict = runCli(['verify', '--strict'], { cwd: root });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('1 file, 0 errors, 1 warning');
  });

  it("judges a checkout by its own recorder's scheme, and says which and why", () => {
    // A recording named by its E6 hash: stale to today's E7 recorder, right for an E6 checkout.
    const recording = JSON.parse(streamText);
    recording.request.body.messages[1].content = 'Results: [1] document_id: file-1, score: 0.91234';
    const text = `${JSON.stringify(recording, null, 2)}\n`;
    const e6 = computeRequestHash(parsePythonJson(text, { lossless: true }) as JsonObject, 'E6');
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${e6}.json`]: text });
    expect(runCli(['verify', '--json', 'tests'], { cwd: root }).status).toBe(1);
    writeTree(root, { 'src/llama_stack/testing/api_recorder.py': 'body["extra_body"].pop("project_id", None)\n' });
    const own = runCli(['verify', 'tests'], { cwd: root });
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('hash scheme: E6, from src/llama_stack/testing/api_recorder.py');
  });

  it('--hash-scheme pins a scheme; an unknown one is a usage error', () => {
    expect(runCli(['verify', '--hash-scheme', 'E3', '--rule', 'hash']).status).toBe(1);
    const bad = runCli(['verify', '--hash-scheme', 'E9']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--hash-scheme: unknown value \'E9\' (did you mean "E7"?)');
  });

  it('--changed checks only recordings changed against a git ref, working tree included', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/old.json`]: '', [`${INFERENCE}/${streamFile.split('/').at(-1)}`]: streamText });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    writeFileSync(join(root, INFERENCE, 'new.json'), '{');
    const report = JSON.parse(runCli(['verify', '--json', '--changed'], { cwd: root }).stdout) as Report;
    expect(report.problems.map((p) => p.path)).toEqual([`${INFERENCE}/new.json`]);
    expect(report.files).toBe(1);
    const everything = JSON.parse(runCli(['verify', '--json'], { cwd: root }).stdout) as Report;
    expect(everything.problems.map((p) => p.path)).toEqual([`${INFERENCE}/new.json`, `${INFERENCE}/old.json`]);
    const bad = runCli(['verify', '--changed', 'no-such-ref'], { cwd: root });
    expect(bad).toMatchObject({ status: 2 });
    expect(bad.stderr).toContain("cassette: --changed: unknown git revision 'no-such-ref'");
  });

  // The same settings in each place a project keeps them; pyproject.toml beside a package.json key wins, as it is found first.
  const CONFIGS: Record<string, Record<string, string>> = {
    'cassette.config.json': {
      'cassette.config.json': JSON.stringify({ paths: ['fixtures'], rules: { parse: 'warning' }, secretPatterns: ['ACME-[0-9]{6}'] }),
    },
    "pyproject.toml's [tool.cassette], where Python projects keep their tools' settings": {
      'pyproject.toml': [
        '[project]',
        'name = "some-project"',
        '',
        '[tool.ruff]',
        'line-length = 120',
        '',
        '[tool.cassette]',
        'paths = ["fixtures"]',
        "secretPatterns = ['ACME-[0-9]{6}']",
        '',
        '[tool.cassette.rules]',
        'parse = "warning"',
      ].join('\n'),
      'package.json': JSON.stringify({ cassette: { paths: ['elsewhere'] } }),
    },
  };
  for (const [where, files] of Object.entries(CONFIGS)) {
    it(`reads paths, rule severities and secret patterns from ${where}`, () => {
      const root = writeTree(makeTempDir(), {
        ...files,
        'fixtures/recordings/empty.json': '',
        [`fixtures/${INFERENCE}/${streamFile.split('/').at(-1)}`]: streamText.replace(
          'What is the capital of France?',
          'token ACME-123456',
        ),
      });
      const report = JSON.parse(runCli(['verify', '--json', '--skip-rule', 'hash,location'], { cwd: root }).stdout) as Report;
      expect(report.problems.map((p) => [p.rule, p.severity])).toEqual([
        ['parse', 'warning'],
        ['secret', 'error'],
      ]);
    });
  }

  it('validates [tool.cassette] as the JSON config, and says which file is wrong', () => {
    const root = writeTree(makeTempDir(), { 'pyproject.toml': '[tool.cassette]\nhashScheme = "E9"\ncolour = true\n' });
    const result = runCli(['verify'], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cassette: invalid config in pyproject.toml [tool.cassette]');
    expect(result.stderr).toContain('hashScheme: must be one of auto, E7');
    expect(result.stderr).toContain('(top level): unknown key colour');
    const broken = writeTree(makeTempDir(), { 'pyproject.toml': '[tool.cassette\npaths = 1\n' });
    expect(runCli(['list'], { cwd: broken })).toMatchObject({ status: 2, stderr: expect.stringContaining('pyproject.toml') });
    expect(runCli(['list'], { cwd: broken }).stderr).toContain('not valid TOML');
    // A pyproject.toml without the table is no config: the package.json key, else none.
    const other = writeTree(makeTempDir(), { 'pyproject.toml': '[tool.ruff]\nline-length = 1\n', 'recordings/empty.json': '' });
    expect(runCli(['verify'], { cwd: other }).status).toBe(1);
  });

  it('refuses a config that is not a regular file (a link to /dev/zero) instead of reading it', () => {
    const root = writeTree(makeTempDir(), { 'recordings/empty.json': '' });
    symlinkSync('/dev/zero', join(root, 'pyproject.toml'));
    const result = runCli(['list'], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid config in pyproject.toml');
    expect(result.stderr).toContain('cannot be read: not a regular file');
  });

  it('rejects an invalid config with every problem listed, exit 2', () => {
    const root = writeTree(makeTempDir(), {
      'cassette.config.json': JSON.stringify({ rules: { hsh: 'error', parse: 'loud' }, secretPatterns: ['('], colour: true }),
    });
    const result = runCli(['verify'], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cassette: invalid config in cassette.config.json');
    expect(result.stderr).toContain(
      '(top level): unknown key colour (keys are: paths, ignore, rules, hashScheme, secretPatterns, noiseFields, cassetteNames)',
    );
    expect(result.stderr).toContain('rules: unknown rule hsh (did you mean "hash"?) (rules are: parse, schema');
    expect(result.stderr).toContain('rules.parse: must be one of error, warning, off');
    expect(result.stderr).toContain('secretPatterns.0: not a valid regular expression');
    expect(runCli(['list'], { cwd: root }).status).toBe(2);
  });

  it('turns every hostile input into findings, not a crash', () => {
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/empty.json`]: '',
      [`${INFERENCE}/nested.json`]: `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      [`${INFERENCE}/deep-request.json`]: streamText.replace(
        '"body": {',
        `"deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "body": {`,
      ),
      [`${INFERENCE}/latin1.json`]: Buffer.from([0x7b, 0xe9, 0x7d]),
      [`${INFERENCE}/no-request.json`]: '{"response": {}}',
    });
    const result = runCli(['verify', '--json'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files).toBe(5);
    expect(new Set(report.problems.map((p) => p.path.split('/').at(-1)))).toEqual(
      new Set(['empty.json', 'nested.json', 'deep-request.json', 'latin1.json', 'no-request.json']),
    );
  });

  it('exits with its findings when the reader closes the pipe early: verify | head fails a pipefail gate', () => {
    // More than a pipe holds (64 kB): head has gone before the report is written.
    const files = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`${INFERENCE}/empty-${i}.json`, '']));
    const root = writeTree(makeTempDir(), files);
    const run = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin', 'cassette.js'))} verify | head -1`],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
  });
});
