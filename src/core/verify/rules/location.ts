import { dirname } from 'node:path';
import { defineRule, hit, type FileRule } from '../define-rule.js';

const COMMON = 'tests/integration/common/recordings';

/**
 * The recorder looks for `<dir of the test file>/recordings/<hash>.json`, then the shared
 * `tests/integration/common/recordings/`, and nowhere else (FORMAT.md section 2).
 */
export const locationRule = defineRule<'location', FileRule<'location'>>({
  name: 'location',
  scope: 'file',
  defaultSeverity: 'error',
  formats: ['ogx'],
  description:
    'a file whose test id points to another folder than `<dir of the test file>/recordings/` or the shared `tests/integration/common/recordings/`',
  check(recording) {
    const { entry } = recording;
    if (!recording.envelope || !entry.testId || entry.layout === 'legacy') return [];
    const testFile = entry.testId.split('::')[0]!;
    if (!testFile.endsWith('.py')) return [];
    const expected = `${dirname(testFile)}/recordings`;
    const folder = dirname(entry.absPath).split('\\').join('/');
    if (folder.endsWith(`/${expected}`) || folder === expected || folder.endsWith(`/${COMMON}`)) return [];
    return [hit('location/wrong-folder', { testFile, expectedDir: expected })];
  },
});
