import type { TestSources } from '../../formats/containers/container.js';
import { readSmallFile } from '../read-small-file.js';
import { findFiles } from './find-files.js';

const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
// A test tree is walked for its sources only: a vendored dependency tree could be huge.
const MAX_NAMES = 20_000;

/**
 * The project's test sources as the container formats read them: folders walked as
 * findFiles walks them, files read only when regular and bounded, each once.
 */
export function createTestSources(): TestSources {
  const texts = new Map<string, string | null>();
  return {
    list: (folder, name, deep) => findFiles(folder, (file) => name.test(file), { deep, maxNames: MAX_NAMES }).sort(),
    read(path) {
      if (!texts.has(path)) {
        const read = readSmallFile(path, MAX_SOURCE_BYTES);
        texts.set(path, read.ok ? read.text : null);
      }
      return texts.get(path)!;
    },
  };
}
