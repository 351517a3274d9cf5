import type { CassetteExplanation } from '../../core/why/explain-cassette-miss.js';
import { containerNamed } from '../../formats/containers/index.js';
import { clean, plural, shortenTestId, wrapLines } from '../format-text.js';
import { shellQuote } from '../shell-quote.js';
import type { Terminal } from '../terminal.js';
import type { Reporters } from './registry.js';
import { stringifyJson } from '../../core/json/depth.js';

/** `{"misses": [{"format", "cassette", "found", "recordMode", "method", "uri", "testId", "verdict", "interactions", "closest": [{"interaction", "method", "uri", "differs", "query", "bodyPaths"}]}]}`. */
function toCassetteJson(explanations: readonly CassetteExplanation[]) {
  return explanations.map(({ miss, testId, cassette, interactions, verdict, closest }) => ({
    format: miss.format,
    cassette: cassette ?? miss.cassette,
    found: cassette !== null,
    recordMode: miss.recordMode,
    method: miss.method,
    uri: miss.uri,
    testId,
    verdict,
    interactions,
    closest,
  }));
}

function renderCassetteHuman(explanations: readonly CassetteExplanation[], terminal: Terminal): string[] {
  const c = terminal.out;
  const lines: string[] = [];
  explanations.forEach(({ miss, testId, cassette, interactions, verdict, closest }, i) => {
    const format = containerNamed(miss.format);
    const title = format?.title ?? 'cassette';
    const test = testId ? `  ${c.dim(clean(shortenTestId(testId, null)))}` : '';
    const request = miss.method === null ? 'no cassette to replay from' : `${miss.method} ${miss.uri ?? ''}`;
    lines.push(`${c.bold(`${title} miss ${i + 1}/${explanations.length}`)}  ${clean(request)}${test}`);
    if (cassette === null) {
      // Nowhere under the paths, nor at its path from here: never recorded (a new or renamed test), or the tests ran elsewhere.
      lines.push(`  ${c.red('no cassette')} ${clean(miss.cassette)}: not under the paths given, nor at that path from here`);
      const fix = format?.holds === 'many' ? format.rerecord(testId, miss.cassette, true) : null;
      lines.push(
        `  ${c.cyan('fix:')} if ${testId ? 'the' : 'its'} test is new or was renamed, ${describeFix(fix, miss.cassette, true)}; else give the folder that holds the cassette`,
      );
      lines.push('');
      return;
    }
    const mode = miss.recordMode === null ? '' : `, record mode ${clean(miss.recordMode)}`;
    lines.push(`  cassette ${clean(cassette)} (${plural(interactions, 'interaction')}${mode})`);
    if (verdict === 'used-up') {
      const [match] = closest;
      lines.push(
        `  ${c.yellow('already played:')} #${match!.interaction} matches on everything the error gives; the test now makes this call more often than when it was recorded`,
      );
    } else if (closest.length === 0) lines.push(`  ${c.yellow('the cassette holds no request to compare')}`);
    else {
      lines.push('  most similar recorded requests:');
      for (const near of closest) {
        const details = [
          near.query.length > 0 ? `query ${near.query.join(' ')}` : null,
          near.bodyPaths.length > 0 ? `body at ${near.bodyPaths.join(', ')}` : null,
        ].filter(Boolean);
        lines.push(`    #${near.interaction}  ${clean(`${near.method ?? '?'} ${near.uri ?? '?'}`)}`);
        lines.push(
          `        differs in: ${near.differs.length > 0 ? near.differs.join(', ') : 'nothing the error gives'}${details.length > 0 ? ` (${clean(details.join('; '))})` : ''}`,
        );
      }
    }
    lines.push(
      `  ${c.cyan('fix:')} ${describeFix(format?.holds === 'many' ? format.rerecord(testId, cassette, false) : null, cassette, false)}`,
    );
    lines.push('');
  });
  return lines;
}

/** The recorder's way to record again: a command to paste (quoted for the shell), then what else to do. */
function describeFix(fix: { command: string[] | null; steps: string | null } | null, cassette: string, missing: boolean): string {
  const verb = missing ? 'record it' : 're-record it';
  if (!fix) return missing ? verb : `re-record the test that owns ${clean(cassette)}`;
  const command = fix.command ? `${verb}: ${fix.command.map(shellQuote).join(' ')}` : null;
  return clean([command, fix.steps].filter(Boolean).join('; '));
}

export const CASSETTE_MISS_REPORTERS: Reporters<readonly CassetteExplanation[]> = {
  human: (explanations, terminal) => {
    const lines = renderCassetteHuman(explanations, terminal);
    lines.push(`${plural(explanations.length, 'cassette miss', 'cassette misses')}: re-record to fix`);
    return `${wrapLines(lines.join('\n'), terminal.columns)}\n`;
  },
  json: (explanations) => `${stringifyJson({ misses: toCassetteJson(explanations) }, 2)}\n`,
};
