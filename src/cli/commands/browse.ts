import { readOptions } from '../read-options.js';
import type { Context, Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { failWhenNothingFound, loadIndex, pathsToRead } from '../read-paths.js';

/** An interactive browser of the recordings: it needs a terminal, and loads ink only once it has one. */
export async function run(args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = readOptions('browse', rawOptions);
  if (!context.terminal.interactive)
    throw new UserError('browse needs a terminal (stdin and stdout)', 'in scripts and pipes, use cassette list and cassette show <id>');
  const paths = pathsToRead(args.paths, context);
  // Progress on stderr while a cold tree is read; a warm one comes from the index cache.
  const { entries } = await loadIndex(paths, context, { cache: options.cache });
  failWhenNothingFound(entries.length, paths);
  const [{ createBrowseIO }, { openBrowser }] = await Promise.all([import('../browse/browse-io.js'), import('../browse/open-browser.js')]);
  await openBrowser(entries, createBrowseIO(entries, paths, context));
  return { output: '', exitCode: 0 };
}
