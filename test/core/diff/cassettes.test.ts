import { Chalk } from 'chalk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { collectFromPaths } from '../../../src/core/diff/collect-sides.js';
import { DEFAULT_NOISE_FIELDS } from '../../../src/core/diff/noise.js';
import { runDiff } from '../../../src/core/diff/run-diff.js';
import { renderDiffStat } from '../../../src/cli/reporters/diff.js';
import type { Terminal } from '../../../src/cli/terminal.js';
import { FIXTURES, makeTempDir, writeTree } from '../../helpers.js';

const FIXTURE = join(FIXTURES, 'vcr/tests/models/cassettes/test_openai/TestAgent.test_two_calls.yaml');
type Cassette = { interactions: Array<{ request: Record<string, any>; response: Record<string, any> }> };
const original = (): Cassette => parse(readFileSync(FIXTURE, 'utf8'), { version: '1.1' }) as Cassette;

/** The cassette before, and after a re-record that `edit` describes; diffed as two folders. */
function diffRerecord(edit: (cassette: Cassette) => void) {
  const after = original();
  edit(after);
  const root = writeTree(makeTempDir(), {
    'old/tests/cassettes/test_agent/test_two_calls.yaml': readFileSync(FIXTURE, 'utf8'),
    'new/tests/cassettes/test_agent/test_two_calls.yaml': stringify(after, { version: '1.1' }),
  });
  const collected = collectFromPaths(join(root, 'old'), join(root, 'new'), root);
  if (!collected.ok) throw new Error(collected.reason);
  return runDiff(collected.pairs, { noiseFields: DEFAULT_NOISE_FIELDS });
}

const body = (cassette: Cassette, i: number) => JSON.parse(cassette.interactions[i]!.response.body.string);
const setBody = (cassette: Cassette, i: number, value: unknown) => (cassette.interactions[i]!.response.body.string = JSON.stringify(value));

describe('diff on cassettes', () => {
  it('sets apart what every HTTP re-record changes: dates, request ids, rate limits, lengths, request headers, ids in bodies', () => {
    const result = diffRerecord((cassette) => {
      cassette.interactions.forEach((interaction, i) => {
        interaction.request.headers = { 'User-Agent': ['OpenAI/Python 2.1.0'], 'x-stainless-retry-count': ['0'] };
        interaction.response.headers = {
          ...interaction.response.headers,
          Date: [`Thu, 27 Nov 2026 10:00:0${i} GMT`],
          'x-request-id': [`req_${i}`],
          'x-ratelimit-remaining-tokens': ['29990'],
          'openai-processing-ms': ['412'],
          'Content-Length': ['999'],
          'CF-RAY': ['8f00aa-CDG'],
          'mistral-correlation-id': [`0199-${i}`],
        };
        setBody(cassette, i, { ...body(cassette, i), id: `chatcmpl-new-${i}`, created: 1_800_000_000 });
      });
    });
    expect(result.changes.map((change) => [change.path.replace(/^.*\//, ''), change.kinds])).toEqual([
      ['test_two_calls.yaml#0', ['noise-only']],
      ['test_two_calls.yaml#1', ['noise-only']],
    ]);
    expect(result.summary.real).toBe(0);
    expect(result.changes[0]!.details.requestNoise?.map((change) => change.path)).toContain('request.headers.User-Agent');
    // Two changed interactions, one changed file.
    const plain = new Chalk({ level: 0 });
    expect(renderDiffStat(result, { out: plain, err: plain } as Terminal)).toBe(
      '2 changed recordings: 0 real, 2 noise-only\n  kinds: noise-only 2\n  files: modified 1\n',
    );
  });

  it('pairs interactions by position, and names the answer that changed', () => {
    const result = diffRerecord((cassette) => {
      const second = body(cassette, 1);
      second.choices[0].message.content = 'a different answer';
      setBody(cassette, 1, second);
    });
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      status: 'modified',
      kinds: ['text'],
      details: { text: { old: 'answer 2', new: 'a different answer' } },
    });
    expect(result.changes[0]!.path).toMatch(/test_two_calls\.yaml#1$/);
  });

  it('pairs by request when a call was added, so the calls after it are not all reported changed', () => {
    const result = diffRerecord((cassette) => {
      const extra = structuredClone(cassette.interactions[0]!);
      extra.request.body = JSON.stringify({ messages: [{ role: 'user', content: 'a new first question' }], model: 'gpt-4o-mini' });
      cassette.interactions.unshift(extra);
    });
    expect(result.changes.map((change) => [change.path.replace(/^.*#/, '#'), change.status])).toEqual([['#0', 'added']]);
  });

  it('names five changed fields of a response that is no answer, and says how many more', () => {
    const info = (sign: number) =>
      stringify(
        {
          interactions: [
            {
              request: { body: null, headers: {}, method: 'GET', uri: 'https://api.example.com/info' },
              response: {
                body: {
                  string: JSON.stringify({ status: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`worker${i}`, sign * i - 1])) }),
                },
                headers: { 'Content-Type': ['application/json'] },
                status: { code: 200, message: 'OK' },
              },
            },
          ],
          version: 1,
        },
        { version: '1.1' },
      );
    const root = writeTree(makeTempDir(), {
      'old/tests/cassettes/test_x/test_info.yaml': info(1),
      'new/tests/cassettes/test_x/test_info.yaml': info(-1),
    });
    const collected = collectFromPaths(join(root, 'old'), join(root, 'new'), root);
    if (!collected.ok) throw new Error(collected.reason);
    const [change] = runDiff(collected.pairs, { noiseFields: DEFAULT_NOISE_FIELDS }).changes;
    expect(change!.details.structure).toEqual([
      // worker0 is -1 on both sides: seven fields changed.
      'other fields: response.body.status.worker1, response.body.status.worker2, response.body.status.worker3, response.body.status.worker4, response.body.status.worker5 and 2 more',
    ]);
  });

  it('reports a cassette added or deleted whole as a row per call, as a changed cassette is', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const root = writeTree(makeTempDir(), {
      'old/tests/cassettes/test_agent/test_gone.yaml': text.replace(/gpt-4o-mini/g, 'gpt-3.5-turbo').replace(/answer/g, 'reply'),
      'new/tests/cassettes/test_agent/test_new.yaml': text.replace(/What/g, 'Which').replace(/answer/g, 'result'),
    });
    const collected = collectFromPaths(join(root, 'old'), join(root, 'new'), root);
    if (!collected.ok) throw new Error(collected.reason);
    const rows = runDiff(collected.pairs, { noiseFields: DEFAULT_NOISE_FIELDS }).changes.map((change) => [
      change.path.replace(/^.*\//, ''),
      change.status,
    ]);
    expect(rows.filter(([, status]) => status === 'added')).toEqual([
      ['test_new.yaml#0', 'added'],
      ['test_new.yaml#1', 'added'],
    ]);
    expect(rows.filter(([, status]) => status === 'deleted')).toEqual([
      ['test_gone.yaml#0', 'deleted'],
      ['test_gone.yaml#1', 'deleted'],
    ]);
  });
});
