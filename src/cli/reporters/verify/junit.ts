import type { Finding } from '../../../core/verify/run-verify.js';
import { failsRun } from '../../context.js';
import type { Reporter } from './index.js';
import { locatedMessage } from './located-message.js';

const escapeXml = (text: string): string =>
  text
    // XML 1.0 cannot carry most control characters at all, escaped or not.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** In an attribute a raw newline would be read back as a space: written as a character reference instead. */
const escapeAttribute = (text: string): string => escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/**
 * JUnit XML: one test case per file checked. Problems that fail the run are failures;
 * other warnings go to the case's system-out, where CI shows them without failing.
 */
export const renderJunit: Reporter = (result, { strict }) => {
  const byPath = new Map<string, Finding[]>();
  for (const problem of result.findings) byPath.set(problem.path, [...(byPath.get(problem.path) ?? []), problem]);
  const paths = [...new Set([...result.checkedPaths, ...byPath.keys()])].sort();
  const fails = (finding: Finding): boolean => failsRun(finding.severity, strict);
  const failing = paths.filter((path) => (byPath.get(path) ?? []).some(fails)).length;
  const cases = paths.map((path) => {
    const problems = byPath.get(path) ?? [];
    const failures = problems
      .filter(fails)
      .map(
        (problem) =>
          `      <failure type="${problem.code}" message="${escapeAttribute(locatedMessage(problem))}">${escapeAttribute(`${problem.severity} ${problem.rule}: ${locatedMessage(problem)}`)}</failure>`,
      );
    const notes = problems
      .filter((problem) => !fails(problem))
      .map((problem) => `${problem.severity} ${problem.rule}: ${locatedMessage(problem)}`);
    // Text nodes carry line breaks as references too: a report printed in a CI log must not
    // give a name from a recording a line of its own (`::error file=…` would be a workflow command).
    const out = notes.length > 0 ? [`      <system-out>${escapeAttribute(notes.join('\n'))}</system-out>`] : [];
    const body = [...failures, ...out];
    const open = `    <testcase classname="cassette.verify" name="${escapeAttribute(path)}"`;
    return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cassette verify" tests="${paths.length}" failures="${failing}">`,
    `  <testsuite name="cassette verify" tests="${paths.length}" failures="${failing}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
