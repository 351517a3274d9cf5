import { dirname, relative, sep } from 'node:path';
import { nameBelowFolder } from '../below-folder.js';
import { findMarkedRoot } from '../project-root.js';

export const SUFFIX = /\.ya?ml$/;

/**
 * `<package>::<t.Name()>`: the path below `testdata/` is the test's name with `/` as folders
 * (genai's recorder, and `t.Name()` naming in general); the package is the folder that holds
 * `testdata/`, relative to its module's `go.mod`. Go wrote spaces in subtest names as `_`,
 * and genai writes `:` as `-`: neither can be undone.
 */
export function testIdOfGoCassette(absPath: string): string | null {
  const below = nameBelowFolder(absPath, (name) => name === 'testdata', SUFFIX);
  if (!below) return null;
  const pkgFolder = dirname(below.folder);
  const root = findMarkedRoot(pkgFolder, ['go.mod']) ?? pkgFolder;
  const pkg = relative(root, pkgFolder).split(sep).join('/');
  return `${pkg === '' ? '.' : pkg}::${below.name}`;
}
