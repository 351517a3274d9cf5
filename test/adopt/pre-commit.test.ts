import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ROOT, makeTempDir } from '../helpers.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd, stdio: 'pipe' });

// Real cassettes, as pytest-recording lays them out: tests/cassettes/<module>/<test>.yaml.
const REAL = join(CORPUS, 'vcr', 'pydantic-ai', 'tests', 'models', 'cassettes', 'test_bedrock');

describe('the pre-commit hooks, installed and run by real pre-commit', () => {
  // One environment for the whole file: pre-commit installs the hook once per repository and revision.
  const home = makeTempDir('cassette-pre-commit-home-');
  let repo: string;
  // try-repo on this checkout: pre-commit clones it (with a commit of any uncommitted change),
  // then installs the hook as it would from the repository's URL.
  const tryRepo = (hook: string) =>
    spawnSync('pre-commit', ['try-repo', ROOT, hook, '--all-files', '--color', 'never'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: home },
    });

  beforeAll(() => {
    repo = makeTempDir('cassette-pre-commit-repo-');
    const cassettes = join(repo, 'tests', 'cassettes', 'test_bedrock');
    mkdirSync(cassettes, { recursive: true });
    const names = readdirSync(REAL).filter((name) => name.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) copyFileSync(join(REAL, name), join(cassettes, name));
    const tests = names.map((name) => `@pytest.mark.vcr\ndef ${name.replace(/\.yaml$/, '')}():\n    pass\n`);
    writeFileSync(join(repo, 'tests', 'test_bedrock.py'), `import pytest\n\n\n${tests.join('\n\n')}`);
    writeFileSync(join(repo, 'ci.yaml'), 'not: [a cassette\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'cassettes');
  });

  it('cassette-verify passes on real cassettes, then fails on a planted key and names its file', () => {
    const clean = tryRepo('cassette-verify');
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/cassette verify\.+Passed/);

    const dir = join(repo, 'tests', 'cassettes', 'test_bedrock');
    const victim = readdirSync(dir).find((name) => name.endsWith('.yaml'))!;
    const text = readFileSync(join(dir, victim), 'utf8');
    const key = `sk-proj-${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(2)}`;
    writeFileSync(join(dir, victim), text.replace(/\n    headers:\n/, `\n    headers:\n      x-api-key:\n      - ${key}\n`));
    git(repo, 'add', '-A');
    const planted = tryRepo('cassette-verify');
    expect(planted.status).toBe(1);
    expect(planted.stdout).toMatch(/cassette verify\.+Failed/);
    expect(planted.stdout).toContain(`tests/cassettes/test_bedrock/${victim}`);
    expect(planted.stdout).toMatch(/error +secret/);
    // The key itself is masked, even in the hook's output.
    expect(planted.stdout).not.toContain(key);
    git(repo, 'checkout', '--', '.');
  });

  it('cassette-orphans passes while every cassette has its test, and fails naming a cassette whose test is gone', () => {
    const clean = tryRepo('cassette-orphans');
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    const orphan = join(repo, 'tests', 'cassettes', 'test_bedrock', 'test_removed_long_ago.yaml');
    copyFileSync(
      join(
        REAL,
        readdirSync(REAL).find((name) => name.endsWith('.yaml'))!,
      ),
      orphan,
    );
    git(repo, 'add', '-A');
    const found = tryRepo('cassette-orphans');
    expect(found.status).toBe(1);
    expect(found.stdout).toMatch(/cassette orphans\.+Failed/);
    expect(found.stdout).toContain('tests/cassettes/test_bedrock/test_removed_long_ago.yaml');
    // A dry run: the hook deletes nothing.
    expect(readFileSync(orphan, 'utf8').length).toBeGreaterThan(0);
  });
});
