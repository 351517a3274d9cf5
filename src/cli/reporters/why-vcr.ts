import type { VcrExplanation } from '../../core/why/explain-vcr-miss.js';
import { clean, plural, shortenTestId } from '../format-text.js';
import { shellQuote } from '../shell-quote.js';
import type { Terminal } from '../terminal.js';

/** `{"misses": [{"cassette", "recordMode", "method", "uri", "testId", "verdict", "interactions", "closest": [{"interaction", "method", "uri", "differs", "query", "bodyPaths"}]}]}`. */
export function toVcrJson(explanations: readonly VcrExplanation[]) {
  return explanations.map(({ miss, testId, cassette, interactions, verdict, closest }) => ({
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

export function renderVcrHuman(explanations: readonly VcrExplanation[], terminal: Terminal): string[] {
  const c = terminal.out;
  const lines: string[] = [];
  explanations.forEach(({ miss, testId, cassette, interactions, verdict, closest }, i) => {
    const test = testId ? `  ${c.dim(clean(shortenTestId(testId, null)))}` : '';
    lines.push(`${c.bold(`vcr miss ${i + 1}/${explanations.length}`)}  ${clean(`${miss.method} ${miss.uri}`)}${test}`);
    if (cassette === null) {
      // Nowhere under the paths, nor at its path from here: never recorded (a new or renamed test), or pytest ran elsewhere.
      lines.push(`  ${c.red('no cassette')} ${clean(miss.cassette)}: not under the paths given, nor at that path from here`);
      lines.push(
        testId
          ? `  ${c.cyan('fix:')} if the test is new or was renamed, record it: pytest --record-mode=once ${shellQuote(testId)}; else give the folder that holds the cassette`
          : `  ${c.cyan('fix:')} if its test is new or was renamed, record it with --record-mode=once; else give the folder that holds the cassette`,
      );
      lines.push('');
      return;
    }
    lines.push(`  cassette ${clean(cassette)} (${plural(interactions, 'interaction')}, record mode ${clean(miss.recordMode ?? '?')})`);
    if (verdict === 'used-up') {
      const [match] = closest;
      lines.push(
        `  ${c.yellow('already played:')} #${match!.interaction} matches on every matcher vcrpy printed; the test now makes this call more often than when it was recorded`,
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
          `        differs in: ${near.differs.length > 0 ? near.differs.join(', ') : 'nothing vcrpy printed'}${details.length > 0 ? ` (${clean(details.join('; '))})` : ''}`,
        );
      }
    }
    // pytest-recording's --record-mode; a test id is what pytest runs, a cassette path is not.
    lines.push(
      testId
        ? `  ${c.cyan('fix:')} re-record it: pytest --record-mode=rewrite ${shellQuote(testId)}`
        : `  ${c.cyan('fix:')} re-record the test that owns ${clean(cassette)} with --record-mode=rewrite`,
    );
    lines.push('');
  });
  return lines;
}
