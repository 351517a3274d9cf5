import type { Explanation } from '../../core/why/explain-miss.js';
import { clean, plural, shortenTestId, truncateEnd, wrapLines } from '../format-text.js';
import { shellQuote } from '../shell-quote.js';
import type { Terminal } from '../terminal.js';
import { stringifyJson } from '../../core/json/depth.js';
import type { Reporters } from './registry.js';

/** `{"misses": [{"hash", "testId", "model", "method", "url", "tool", "verdict", "looked", "file", "copies", "target", "candidates", "fixable"}], "scheme", "summary"}`. */
function renderWhyJson(explanations: readonly Explanation[], scheme: string): string {
  const misses = explanations.map(({ miss, verdict, looked, file, copies, target, candidates, fixable }) => ({
    hash: miss.hash,
    testId: miss.testId,
    model: miss.model,
    method: miss.method,
    url: miss.url,
    tool: miss.tool,
    verdict,
    looked,
    file,
    copies,
    target,
    candidates,
    fixable,
  }));
  return `${stringifyJson({ misses, scheme, summary: summarize(explanations) }, 2)}\n`;
}

function renderWhyHuman(explanations: readonly Explanation[], scheme: string, terminal: Terminal): string {
  const c = terminal.out;
  const lines: string[] = [];
  explanations.forEach((explanation, i) => {
    const { miss } = explanation;
    const what = miss.hash ?? miss.tool ?? '?';
    const head = [
      miss.testId ? shortenTestId(miss.testId, null) : null,
      miss.model,
      miss.method && miss.url ? `${miss.method} ${miss.url}` : null,
    ];
    lines.push(`${c.bold(`miss ${i + 1}/${explanations.length}`)}  ${clean(what)}  ${c.dim(clean(head.filter(Boolean).join('  ')))}`);
    if (explanation.looked.length > 0) {
      lines.push('  the recorder looked for:');
      for (const look of explanation.looked) {
        const there = look.exists ? c.green('there') : `not there (${plural(look.recordings, 'recording')} in that folder)`;
        lines.push(`    ${clean(look.path)}  ${there}`);
      }
    }
    lines.push(...advice(explanation, terminal).map((line) => `  ${line}`));
    lines.push('');
  });
  const summary = summarize(explanations);
  lines.push(
    `${plural(explanations.length, 'miss', 'misses')}: ${summary.present > 0 ? `${summary.present} found here as it is, ` : ''}${summary.fixable} fixed by a rename or move, ${summary.rerecord} to re-record`,
    c.dim(`hash scheme: ${clean(scheme)}`),
  );
  return `${wrapLines(lines.join('\n'), terminal.columns)}\n`;
}

function advice(explanation: Explanation, terminal: Terminal): string[] {
  const c = terminal.out;
  const { miss, file, target, candidates } = explanation;
  const copies = explanation.copies.map(
    (copy) => `${c.dim('another copy of the same request, which the recorder never reads:')} ${clean(copy)}`,
  );
  switch (explanation.verdict) {
    case 'present':
      return [
        `${c.green('the recorder finds it:')} ${clean(file!)}`,
        ...copies,
        'nothing to fix in this tree: was the replay run on another checkout, or with another hash scheme (--hash-scheme)?',
      ];
    case 'old-name':
      return [
        `${c.yellow('stored under an old name:')} ${clean(file!)}`,
        ...copies,
        `fix: rename it to ${clean(target!)}: cassette rehash --write ${shellQuote(file!)}`,
      ];
    case 'wrong-folder':
      return [
        `${c.yellow('in the wrong folder:')} ${clean(file!)}`,
        `fix: move it to ${clean(target!)}   ${c.dim(`(mv ${shellQuote(file!)} ${shellQuote(target!)})`)}`,
      ];
    case 'changed':
      return [
        `no recording hashes to it: the request changed since ${miss.tool ? 'the tool call' : 'the test'} was recorded. Its recordings, most alike first:`,
        ...candidates.map(
          (candidate) =>
            `  ${clean(candidate.path)}  ${c.dim(clean([candidate.endpoint, candidate.model].filter(Boolean).join('  ')))}${candidate.firstMessage ? `  "${truncateEnd(candidate.firstMessage, 50)}"` : ''}`,
        ),
        `fix: re-record ${miss.testId ? clean(miss.testId) : 'the test'} (run it with the recorder in record mode)`,
      ];
    case 'unknown':
      return [
        miss.testId
          ? `no recording of ${clean(miss.testId)} hashes to it, and the test has no recordings here: re-record it`
          : 'no recording hashes to it; give the pytest log or JUnit report, which name the test, to see its recordings',
      ];
  }
}

function summarize(explanations: readonly Explanation[]): { misses: number; present: number; fixable: number; rerecord: number } {
  const present = explanations.filter((explanation) => explanation.verdict === 'present').length;
  const fixable = explanations.filter((explanation) => explanation.fixable).length - present;
  return { misses: explanations.length, present, fixable, rerecord: explanations.length - fixable - present };
}

export const WHY_REPORTERS: Reporters<{ explanations: readonly Explanation[]; scheme: string }> = {
  human: ({ explanations, scheme }, terminal) => renderWhyHuman(explanations, scheme, terminal),
  json: ({ explanations, scheme }) => renderWhyJson(explanations, scheme),
};
