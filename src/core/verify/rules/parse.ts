import { defineRule, hit, type FileRule } from '../define-rule.js';

/** What the loader could not read: unreadable, not JSON (Python's NaN/Infinity are JSON here), not an object. */
export const parseRule = defineRule<'parse', FileRule<'parse'>>({
  name: 'parse',
  scope: 'file',
  defaultSeverity: 'error',
  formats: ['ogx', 'vcr'],
  description:
    "unreadable file, invalid JSON (Python's NaN/Infinity are valid), not an object, a BOM, a folder named `*.json`, a symlink loop; invalid cassette YAML, and YAML tags that run code when vcrpy loads the cassette (`!!python/object/apply:…`)",
  check(recording) {
    const { problem } = recording;
    // Once per cassette, however it reads: the tags run when the file is loaded.
    const code = recording.codeTags?.length ? [hit('parse/code-tag', { tags: recording.codeTags })] : [];
    // An envelope without request or response is the schema rule's to report.
    if (problem === null || problem.code === 'schema/envelope') return code;
    return [...code, hit(problem.code, { ...problem.data, reason: problem.message })];
  },
});
