import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isCassettesDir } from '../sources/folders.js';

const TEST_MODULE = /^(test_.*|.*_test)\.py$/;
const CONFTEST = 'conftest.py';

/**
 * The test modules (and, with `conftests`, the conftest.py files) below a folder, walked
 * depth first, hidden folders, node_modules and cassettes folders left out; at most `limit`.
 */
export function findPythonTests(folder: string, options: { limit?: number; conftests?: boolean } = {}): string[] {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const found: string[] = [];
  const stack = [folder];
  while (stack.length > 0 && found.length < limit) {
    const dir = stack.pop()!;
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const dirent of dirents) {
      if (dirent.isDirectory()) {
        if (!dirent.name.startsWith('.') && dirent.name !== 'node_modules' && !isCassettesDir(dirent.name))
          stack.push(join(dir, dirent.name));
      } else if (dirent.isFile() && (TEST_MODULE.test(dirent.name) || (options.conftests === true && dirent.name === CONFTEST)))
        found.push(join(dir, dirent.name));
    }
  }
  return found;
}
