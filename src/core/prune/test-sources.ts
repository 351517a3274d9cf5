import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestSources } from '../../formats/containers/container.js';
import { readSmallFile } from '../read-small-file.js';
import { isCassettesDir } from '../sources/folders.js';

const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
// A test tree is walked for its sources only: a vendored dependency tree could be huge.
const MAX_FILES = 20_000;
const SKIPPED = new Set(['node_modules', 'vendor', 'testdata', 'recordings', 'dist', 'build']);

/**
 * The project's test sources as the container formats read them: folders walked depth first
 * without following links (hidden ones, dependencies and recordings left out), files read
 * only when regular and bounded, each once.
 */
export function createTestSources(): TestSources {
  const texts = new Map<string, string | null>();
  return {
    list(folder, name, deep) {
      const found: string[] = [];
      const stack = [folder];
      let seen = 0;
      while (stack.length > 0 && seen < MAX_FILES) {
        const dir = stack.pop()!;
        let dirents;
        try {
          dirents = readdirSync(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const dirent of dirents) {
          seen++;
          if (dirent.isDirectory()) {
            if (deep && !dirent.name.startsWith('.') && !SKIPPED.has(dirent.name) && !isCassettesDir(dirent.name))
              stack.push(join(dir, dirent.name));
          } else if (dirent.isFile() && name.test(dirent.name)) found.push(join(dir, dirent.name));
        }
      }
      return found.sort();
    },
    read(path) {
      if (!texts.has(path)) {
        const read = readSmallFile(path, MAX_SOURCE_BYTES);
        texts.set(path, read.ok ? read.text : null);
      }
      return texts.get(path)!;
    },
  };
}
