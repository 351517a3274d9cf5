import { dirname } from 'node:path';
import { messages } from '../messages.js';
import type { FileRule } from '../types.js';

const COMMON = 'tests/integration/common/recordings';

/**
 * The recorder looks for `<dir of the test file>/recordings/<hash>.json`, then the shared
 * `tests/integration/common/recordings/`, and nowhere else (FORMAT.md section 2).
 */
export const locationRule: FileRule = {
  rule: 'location',
  check(file) {
    const { entry } = file;
    if (!entry.testId || entry.layout === 'legacy') return [];
    const testFile = entry.testId.split('::')[0]!;
    if (!testFile.endsWith('.py')) return [];
    const expected = `${dirname(testFile)}/recordings`;
    const folder = dirname(entry.absPath).split('\\').join('/');
    if (folder.endsWith(`/${expected}`) || folder === expected || folder.endsWith(`/${COMMON}`)) return [];
    return [{ message: messages.location(testFile, expected) }];
  },
};
