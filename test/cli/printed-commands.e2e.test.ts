import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, listJsonFiles, makeTempDir, runCli, writeTree } from '../helpers.js';

/**
 * Every command cassette prints runs as printed, from the folder it was printed in: each
 * test pastes what a run printed into a shell (cassette itself standing for the built binary).
 */

const STREAM_FILE = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const STREAM_TEXT = readFileSync(STREAM_FILE, 'utf8');
const NAME = STREAM_FILE.split('/').at(-1)!;
const HASH = NAME.replace('.json', '');
const INFERENCE = 'tests/integration/inference/recordings';

/** Runs a printed command line in bash from `cwd`, `cassette` being this build. */
function paste(line: string, cwd: string) {
  const shim = `cassette() { node ${JSON.stringify(join(ROOT, 'bin', 'cassette.js'))} "$@"; }\n`;
  return spawnSync('bash', ['-c', shim + line], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd, stdio: 'pipe' });

/** The command after `fix: …: ` or on an indented line of its own. */
function printedCommands(output: string, program: string): string[] {
  return output.split('\n').flatMap((line) => {
    const at = line.indexOf(`${program} `);
    if (at === -1) return [];
    // Printed inside parentheses, or followed by a note in them: the command is what lies between.
    const command = line.slice(at).replace(/\s+\(.*\)$/, '');
    return [(command.includes('(') ? command : command.replace(/\)$/, '')).trim()];
  });
}

describe('commands cassette prints work when pasted', () => {
  it("why's fix, pasted, renames the file, and the miss is gone", () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: STREAM_TEXT });
    const why = runCli(['why', HASH], { cwd: root });
    const [fix] = printedCommands(why.stdout, 'cassette rehash');
    expect(fix).toBe(`cassette rehash --write ${INFERENCE}/${'ab'.repeat(32)}.json`);
    const pasted = paste(fix!, root);
    expect(pasted.status, pasted.stdout + pasted.stderr).toBe(0);
    expect(existsSync(join(root, INFERENCE, NAME))).toBe(true);
    const after = runCli(['why', HASH], { cwd: root });
    expect(after.status).toBe(0);
    expect(after.stdout).toContain(`the recorder finds it: ${INFERENCE}/${NAME}`);
    expect(runCli(['verify'], { cwd: root }).status).toBe(0);
  });

  it("why names every stale copy, show lists them all, and rehash's advice and restore lines run", () => {
    const root = makeTempDir();
    // Two stale copies of one request, recorded apart: their answers differ.
    const other = JSON.parse(STREAM_TEXT);
    other.response.body = other.response.body.slice(0, 3);
    writeTree(root, {
      [`${INFERENCE}/${'ab'.repeat(32)}.json`]: STREAM_TEXT,
      [`${INFERENCE}/${'cd'.repeat(32)}.json`]: `${JSON.stringify(other, null, 2)}\n`,
    });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'recordings');
    const why = runCli(['why', HASH.slice(0, 12)], { cwd: root });
    // A 12-hex prefix of a 64-hex name: the recorder looks for the full name.
    expect(why.stdout).toContain(`${INFERENCE}/${NAME}  not there`);
    expect(why.stdout).toMatch(
      /stored under an old name: .*\.json\n {2}another copy of the same request, which the recorder never reads: /,
    );
    const show = runCli(['show', HASH], { cwd: root });
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toContain(`2 copies stored under old names; the recorder looks for ${NAME}`);

    // Without --remove-superseded the copy that differs is left alone, with a diff to compare them that runs.
    const dry = runCli(['rehash'], { cwd: root });
    const [compare] = printedCommands(dry.stdout, 'cassette diff');
    const compared = paste(compare!, root);
    expect([0, 1], `${compare}: ${compared.stderr}`).toContain(compared.status);
    const write = runCli(['rehash', '--write', '--remove-superseded'], { cwd: root });
    expect(write.status, write.stdout).toBe(0);
    expect(runCli(['verify'], { cwd: root }).status).toBe(0);
    const restore = write.stdout.split('\n').filter((line) => line.startsWith('  git checkout -- '));
    expect(restore).toHaveLength(1);
    const removed = restore[0]!.slice('  git checkout -- '.length);
    expect(existsSync(join(root, removed))).toBe(false);
    expect(paste(restore[0]!.trim(), root).status).toBe(0);
    expect(existsSync(join(root, removed))).toBe(true);
  });

  it("verify's advice on a baseline that went stale runs", () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: STREAM_TEXT, [`${INFERENCE}/${NAME}`]: STREAM_TEXT });
    expect(runCli(['verify', '--suppress-all'], { cwd: root }).status).toBe(0);
    rmSync(join(root, INFERENCE, `${'ab'.repeat(32)}.json`));
    const run = runCli(['verify'], { cwd: root });
    const [advice] = printedCommands(run.stderr, 'cassette verify');
    expect(advice).toBe('cassette verify --prune-suppressions');
    expect(paste(advice!, root).status).toBe(0);
    expect(runCli(['verify'], { cwd: root }).stderr).toBe('');
  });
});
