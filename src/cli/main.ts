import { CommanderError } from 'commander';
import { UserError } from './errors.js';
import { createProgram } from './program.js';

async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = await reportError(error);
  }
}

/** The single place where failures become messages and exit codes. */
async function reportError(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    // commander has already printed help, the version or its own usage message
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UserError) {
    const lines = [`cassette: ${error.message}`, ...error.details.map((line) => `  ${line}`)];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    await writeSafely(`${lines.join('\n')}\n`);
    return 2;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EPIPE') return 0;
  // The process may open no more files: the machine's limit, not a bug of cassette's.
  if (code === 'EMFILE' || code === 'ENFILE') {
    await writeSafely(
      'cassette: too many open files: the limit of this shell or machine was reached\nhint: raise it (ulimit -n 1024) and run again\n',
    );
    return 2;
  }
  // A dependency loaded on first use (the full YAML parser) that is not there: the install is broken, not cassette.
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    await writeSafely(
      `cassette: its installation is incomplete: ${(error as Error).message.split('\n')[0]}\nhint: install it again (npm ci in a checkout, or npm install)\n`,
    );
    return 2;
  }
  await writeSafely(
    `cassette: internal error, please report it with the command you ran:\n${(error as Error | undefined)?.stack ?? String(error)}\n`,
  );
  return 70;
}

/** Error messages quote refs and paths the user or a recording gave: escaped and masked like all output. */
async function writeSafely(text: string): Promise<void> {
  try {
    const { prepareOutput } = await import('./sanitize.js');
    process.stderr.write(prepareOutput(text, 'human', { colour: false, terminal: process.stderr.isTTY === true }));
  } catch {
    // The writer could not be loaded (no file can be opened any more): controls shown as `?`, nothing else.
    process.stderr.write(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?'));
  }
}

// `cassette verify | head` closes the pipe early: not an error, and no reason to stop. The run
// goes on to its end, so the exit code is the findings' (a pipefail gate must not pass on
// 446 errors because head read one line); what is written after the close goes nowhere.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

await main(process.argv);
