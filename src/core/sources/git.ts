import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export type ChangedFiles = { ok: true; paths: Set<string> } | { ok: false; reason: string };

/**
 * Files changed against a git ref, the working tree and untracked files included: what a
 * pull request or a local re-record touched. Absolute paths.
 */
export function listChangedFiles(ref: string, cwd: string): ChangedFiles {
  const git = (args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.error) return { ok: false, reason: `git is not available: ${top.error.message}` };
  if (top.status !== 0) return { ok: false, reason: 'not inside a git work tree' };
  const root = top.stdout.trim();
  const verified = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (verified.status !== 0) return { ok: false, reason: `unknown git revision '${ref}'` };
  const diff = git(['diff', '--name-only', '-z', '--no-renames', ref, '--']);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z']);
  if (diff.status !== 0 || untracked.status !== 0) return { ok: false, reason: (diff.stderr || untracked.stderr).trim() };
  const paths = new Set<string>();
  for (const name of diff.stdout.split('\0')) if (name) paths.add(resolve(root, name));
  // ls-files lists untracked files relative to cwd
  for (const name of untracked.stdout.split('\0')) if (name) paths.add(resolve(cwd, name));
  return { ok: true, paths };
}
