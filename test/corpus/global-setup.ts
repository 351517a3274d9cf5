import { existsSync } from 'node:fs';
import { CORPUS } from '../helpers.js';

/** Fails the run at once, with what to do, when the real corpus is not there. */
export default function checkCorpus(): void {
  if (!existsSync(CORPUS)) {
    throw new Error(
      `the corpus tests need the real recordings, and ${CORPUS} does not exist: set CASSETTE_CORPUS to the folder that holds them`,
    );
  }
}
