import { spawn } from 'node:child_process';

export type CollectRun = { ok: true; stdout: string } | { ok: false; reason: string; tail: string[] };

/** More output than any collection prints: past it the command is stopped, not buffered without end. */
const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Runs the user's collection command (`--collect`) in a shell, in its own process group so
 * that a timeout stops it and every child it started. Says why it failed: its exit status,
 * the signal that killed it, the timeout, or output past the limit.
 */
export async function runCollect(command: string, cwd: string, timeoutMs: number): Promise<CollectRun> {
  const child = spawn(command, { shell: true, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let size = 0;
  let stopped: string | null = null;
  const stopGroup = (why: string): void => {
    stopped ??= why;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const timer = setTimeout(
    () => stopGroup(`did not finish within ${Math.round(timeoutMs / 1000)} s (--collect-timeout): stopped`),
    timeoutMs,
  );
  const take = (into: Buffer[]) => (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_OUTPUT) stopGroup(`printed more than ${MAX_OUTPUT / 1024 / 1024} MB: stopped`);
    else into.push(chunk);
  };
  child.stdout.on('data', take(out));
  child.stderr.on('data', take(err));
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('error', (error) => {
      stopped ??= `could not run: ${error.message}`;
      resolve([null, null]);
    });
    child.on('close', (code, killedBy) => resolve([code, killedBy]));
  });
  clearTimeout(timer);
  const stdout = Buffer.concat(out).toString('utf8');
  const tail = `${Buffer.concat(err).toString('utf8')}${stdout}`.trim().split('\n').filter(Boolean).slice(-5);
  if (stopped !== null) return { ok: false, reason: stopped, tail };
  if (signal !== null) return { ok: false, reason: `was killed by ${signal}`, tail };
  if (status !== 0) return { ok: false, reason: `exited with ${status}`, tail };
  return { ok: true, stdout };
}
