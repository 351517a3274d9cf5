import { defineRule, hit, type FileRule } from '../define-rule.js';

/** What the loader could not read: unreadable, not JSON (Python's NaN/Infinity are JSON here), not an object. */
export const parseRule = defineRule<'parse', FileRule<'parse'>>({
  name: 'parse',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'the file reads as JSON the way Python json.load reads it (UTF-8, no BOM, an object)',
  check(recording) {
    const { problem } = recording;
    // An envelope without request or response is the schema rule's to report.
    if (problem === null || problem.code === 'schema/envelope') return [];
    return [hit(problem.code, { ...problem.data, reason: problem.message })];
  },
});
