import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, makeTempDir } from '../helpers.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', stdio: 'pipe' });

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

/** A project that has nothing to do with cassette, with a gzipped cassette and one with !!binary bodies. */
function makeProject(): string {
  const project = makeTempDir('cassette-adopt-');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'some-project', version: '1.0.0', private: true }));
  const cassettes = join(project, 'tests', 'cassettes');
  mkdirSync(cassettes, { recursive: true });
  copyFileSync(join(FIXTURES, 'vcr/tests/cassettes/test_agent[v1].yaml.gz'), join(cassettes, 'test_agent[v1].yaml.gz'));
  copyFileSync(
    join(FIXTURES, 'vcr/tests/models/cassettes/test_anthropic/test_messages_gzip.yaml'),
    join(cassettes, 'test_messages_gzip.yaml'),
  );
  return project;
}

/** list --json of the project's cassettes through the installed command: every interaction read, none an error. */
function listInstalled(project: string, bin: string) {
  const run = spawnSync(bin, ['list', '--json', 'tests'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Array<{ path: string; interaction: number; error: string | null; kind: string }>;
}

describe('the package', () => {
  const packDir = makeTempDir('cassette-pack-');
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', packDir], ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const tarball = join(packDir, packed[0]!.filename);

  it('holds the bundle, the LICENSE and the README: no sources, tests or scripts', () => {
    const paths = packed[0]!.files.map((file) => file.path);
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('README.md');
    expect(paths).toContain('bin/cassette.js');
    expect(paths).toContain('dist/cli.js');
    expect(paths.filter((path) => !/^(bin\/|dist\/|LICENSE$|README\.md$|package\.json$)/.test(path))).toEqual([]);
    expect(paths.filter((path) => /\.(ts|tsx|map)$/.test(path))).toEqual([]);
  });

  it('installs for production in an unrelated project as itself and yaml, a few MB, and reads gzip and !!binary cassettes', () => {
    const project = makeProject();
    npm(['install', '--omit=dev', tarball], project);
    expect(
      readdirSync(join(project, 'node_modules'))
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['cassette-cli', 'yaml']);
    expect(sizeOf(join(project, 'node_modules'))).toBeLessThan(12 * 1024 * 1024);
    const rows = listInstalled(project, join(project, 'node_modules', '.bin', 'cassette'));
    expect(rows.filter((row) => row.error !== null)).toEqual([]);
    expect(new Set(rows.map((row) => row.path))).toEqual(
      new Set(['tests/cassettes/test_agent[v1].yaml.gz', 'tests/cassettes/test_messages_gzip.yaml']),
    );
    expect(rows.every((row) => row.kind !== 'unknown')).toBe(true);
    const verify = spawnSync(join(project, 'node_modules', '.bin', 'cassette'), ['verify', 'tests'], { cwd: project, encoding: 'utf8' });
    expect(verify.status, verify.stdout).toBe(0);
  });

  it('installs from a git URL into a project, as npm install git+file:// does', () => {
    const clone = makeTempDir('cassette-clone-');
    execFileSync('git', ['clone', '-q', ROOT, clone]);
    const project = makeProject();
    npm(['install', `git+file://${clone}`], project);
    expect(
      readdirSync(join(project, 'node_modules'))
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['cassette-cli', 'yaml']);
    expect(listInstalled(project, join(project, 'node_modules', '.bin', 'cassette')).length).toBeGreaterThan(1);
  });

  it('installs globally from a git URL, as pre-commit installs a node hook (npm install -g --install-links)', () => {
    const clone = makeTempDir('cassette-clone-');
    execFileSync('git', ['clone', '-q', ROOT, clone]);
    const prefix = makeTempDir('cassette-global-');
    execFileSync('npm', ['install', '--install-links', '-g', `git+file://${clone}`, '--no-audit', '--no-fund'], {
      cwd: prefix,
      env: { ...process.env, NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix },
      stdio: 'pipe',
    });
    expect(readdirSync(join(prefix, 'lib', 'node_modules')).sort()).toEqual(['cassette-cli']);
    expect(listInstalled(makeProject(), join(prefix, 'bin', 'cassette')).length).toBeGreaterThan(1);
    expect(readFileSync(join(prefix, 'lib', 'node_modules', 'cassette-cli', 'LICENSE'), 'utf8')).toContain('MIT License');
  });
});
