import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO, ROOT, makeTempDir } from '../helpers.js';

interface Step {
  name: string;
  shell: string;
  env: Record<string, string>;
  run: string;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

/** The Action's steps as GitHub runs them: its expressions filled in, each script run by bash with the step's env. */
function runSteps(actionPath: string, workspace: string, inputs: Record<string, string>, env: Record<string, string>) {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Step[] };
  };
  expect(action.runs.using).toBe('composite');
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])), ...inputs };
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*(inputs\.([\w-]+)|github\.action_path)\s*\}\}/g, (_, __, input?: string) =>
      input === undefined ? actionPath : values[input]!,
    );
  const results = [];
  for (const step of action.runs.steps) {
    expect(step.shell).toBe('bash');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value)]));
    const result = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, ...env, ...stepEnv, NO_COLOR: '1' },
    });
    results.push({ name: step.name, ...result });
    if (result.status !== 0) break;
  }
  return results;
}

describe('the GitHub Action', () => {
  let actionPath: string;
  let workspace: string;
  let summary: string;

  beforeAll(() => {
    // The Action's own checkout, as GitHub lays it out for `uses:`.
    actionPath = makeTempDir('cassette-action-');
    git(ROOT, 'clone', '-q', ROOT, actionPath);
    // A pull request: the base branch on the remote has the demo recordings; the checkout adds one broken file.
    const origin = makeTempDir('cassette-origin-');
    const base = makeTempDir('cassette-base-');
    git(origin, 'init', '-q', '--bare', '-b', 'main');
    git(base, 'init', '-q', '-b', 'main');
    cpSync(DEMO, join(base, 'recordings'), { recursive: true });
    git(base, 'add', '-A');
    git(base, 'commit', '-qm', 'base');
    git(base, 'push', '-q', origin, 'main');
    workspace = makeTempDir('cassette-workspace-');
    git(workspace, 'clone', '-q', origin, '.');
    const folder = join(workspace, 'recordings', 'tests', 'integration', 'inference', 'recordings');
    const [first] = readdirSync(folder);
    writeFileSync(join(folder, `${'ab'.repeat(32)}.json`), readFileSync(join(folder, first!), 'utf8'));
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-qm', 'pull request');
    summary = join(makeTempDir('cassette-summary-'), 'step-summary.md');
    writeFileSync(summary, '');
  });

  it('on a pull request checks only what it changes: annotations, a last line that sums up, and the job summary', () => {
    const steps = runSteps(actionPath, workspace, {}, { GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary });
    expect(steps.map((step) => step.name)).toEqual(['Install cassette', 'cassette verify']);
    expect(steps[0]!.status, steps[0]!.stderr).toBe(0);
    const verify = steps[1]!;
    expect(verify.status).toBe(1);
    const lines = verify.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).length).toBeGreaterThan(0);
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(/^::(error|warning) file=recordings\/tests\/integration\/inference\/recordings\/(abab)+\.json,/);
    expect(lines.at(-1)).toMatch(/^cassette verify: 1 file, 1 error \(hash 1\), \d+ warnings?.*; failed$/);
    expect(readFileSync(summary, 'utf8')).toContain('## cassette verify: failed');
  });

  it('checks every recording with changed-only "false", and takes paths and extra arguments', () => {
    const all = runSteps(
      actionPath,
      workspace,
      { 'changed-only': 'false', paths: 'recordings', args: '--rule parse,schema' },
      {
        GITHUB_BASE_REF: 'main',
        GITHUB_STEP_SUMMARY: summary,
      },
    );
    const verify = all.at(-1)!;
    expect(verify.status, verify.stderr).toBe(0);
    const count = readdirSync(DEMO, { recursive: true }).filter((name) => String(name).endsWith('.json')).length;
    expect(verify.stdout.trimEnd().split('\n').at(-1)).toBe(`cassette verify: ${count + 1} files, 0 errors, 0 warnings; passed`);
  });

  it('on a push (no base branch) checks every recording', () => {
    const push = runSteps(actionPath, workspace, {}, { GITHUB_STEP_SUMMARY: summary }).at(-1)!;
    expect(push.status).toBe(1);
    expect(push.stdout.trimEnd().split('\n').at(-1)).toMatch(/^cassette verify: \d+ files, 1 error/);
  });
});
