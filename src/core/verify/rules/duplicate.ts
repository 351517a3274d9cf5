import { dirname } from 'node:path';
import { defineRule, hit, type FileFacts, type Hit, type TreeRule } from '../define-rule.js';
import { schemeFor } from '../../hash/recording-scheme.js';

const hashOf = (file: FileFacts): string | null => file.kept.duplicate ?? null;

/**
 * Two files whose requests hash alike: the recorder finds at most one of them. The hash
 * holds the test id, so outside the 2025 layout this takes calls of the same test.
 */
export const duplicateRule = defineRule<'duplicate', TreeRule<'duplicate'>>({
  name: 'duplicate',
  scope: 'tree',
  defaultSeverity: 'warning',
  formats: ['ogx'],
  description: 'two files for the same request in what one recorder run can see (one tests root, or one 2025 suite)',
  keep(recording, context) {
    // A file-processing call's request is hashed from its file, which the recording does not hold.
    if (!recording.envelope || recording.entry.kind === 'file-processing') return null;
    return recording.requestHash(schemeFor(recording, context.hashScheme));
  },
  check(files) {
    const groups = new Map<string, FileFacts[]>();
    for (const file of files) {
      // Model lists merge by design; a per-area call with no test id may be read from more than one folder.
      if (hashOf(file) === null || file.entry.kind === 'model-list') continue;
      if (file.entry.layout !== 'legacy' && file.entry.testId === null) continue;
      const key = `${lookupScope(file)}\0${hashOf(file)}`;
      const group = groups.get(key);
      if (group) group.push(file);
      else groups.set(key, [file]);
    }
    const hits: Hit[] = [];
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const hash = hashOf(group[0]!)!;
      const named = group.filter((file) => file.entry.nameHash !== null && hash.startsWith(file.entry.nameHash));
      const found = named.length === 1 ? named[0]! : null;
      const expectedFile = `${group[0]!.entry.layout === 'legacy' ? hash.slice(0, 12) : hash}.json`;
      for (const file of group) {
        if (file === found) continue;
        const other = found ?? group.find((candidate) => candidate !== file)!;
        const data = { other: other.entry.path, expectedFile };
        hits.push(found ? hit('duplicate/found-is-other', data, file.entry.path) : hit('duplicate/none-found', data, file.entry.path));
      }
    }
    return hits;
  },
});

/**
 * Files one recorder run can see together. Each 2025 recordings root (with its own
 * index.sqlite, such as vision/) is a separate suite; per-area folders belong to the tests
 * root above them (`tests/integration`), shared with its common/ folder.
 */
function lookupScope(file: FileFacts): string {
  const folder = dirname(file.entry.absPath);
  return file.entry.layout === 'legacy' ? dirname(folder) : dirname(dirname(folder));
}
