import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planPrune } from '../../../src/core/prune/plan-prune.js';
import { FIXTURES, indexPaths, makeTempDir, writeTree } from '../../helpers.js';

/** prune on the cassette layouts real projects use, each told from the test modules beside the cassettes. */

const CASSETTE = readFileSync(join(FIXTURES, 'vcr/tests/models/cassettes/test_openai/test_chat_stream.yaml'), 'utf8');
const WEBSOCKET = readFileSync(join(FIXTURES, 'vcr/tests/realtime/cassettes/test_voice/test_turn.yaml'), 'utf8');

async function plan(files: Record<string, string>) {
  const root = writeTree(makeTempDir(), files);
  const { entries } = await indexPaths(['tests'], root);
  const result = planPrune({ entries, cwd: root, root: null, collected: null, maxDelete: 100 });
  return {
    result,
    orphans: result.orphans.map((orphan) => [orphan.entry.path, orphan.reason]),
    layouts: result.layouts.map((choice) => [choice.folder.slice(root.length + 1), choice.layout]),
  };
}

const marked = (...names: string[]) =>
  ['import pytest', '', ...names.map((name) => `@pytest.mark.vcr()\ndef ${name}():\n    ...\n`)].join('\n');

describe('prune on cassette layouts', () => {
  it("crewAI's: one cassettes tree mirroring the test folders (tests/<dir>/test_x.py -> tests/cassettes/<dir>/<test>.yaml)", async () => {
    const { orphans, layouts } = await plan({
      'tests/test_crew.py': marked('test_kickoff', 'test_replay'),
      'tests/llms/openai/test_openai.py': marked('test_streaming'),
      'tests/tracing/test_tracing.py':
        'import pytest\n\nclass TestTrace:\n    @pytest.mark.vcr()\n    def test_batch(self):\n        ...\n',
      'tests/cassettes/test_kickoff.yaml': CASSETTE,
      'tests/cassettes/test_replay.yaml': CASSETTE,
      'tests/cassettes/llms/openai/test_streaming.yaml': CASSETTE,
      'tests/cassettes/tracing/TestTrace.test_batch.yaml': CASSETTE,
      'tests/cassettes/llms/openai/test_removed.yaml': CASSETTE,
    });
    expect(layouts).toEqual([['tests/cassettes', 'mirrored']]);
    expect(orphans).toEqual([['tests/cassettes/llms/openai/test_removed.yaml', 'test-function-missing']]);
  });

  it("Mirascope's: a cassettes folder beside the modules, and per-test folders of parametrised cassettes", async () => {
    const { orphans, layouts } = await plan({
      'tests/ops/test_versioning.py': marked('test_versioned_call_sync'),
      'tests/ops/cassettes/test_versioned_call_sync.yaml': CASSETTE,
      'tests/e2e/output/test_call.py': marked('test_call_sync', 'test_call_async_stream'),
      'tests/e2e/output/cassettes/test_call/openai_gpt_4o/sync.yaml': CASSETTE,
      'tests/e2e/output/cassettes/test_call/anthropic_claude/async_stream.yaml': CASSETTE,
      'tests/e2e/output/cassettes/test_dropped_scenario/openai_gpt_4o/sync.yaml': CASSETTE,
    });
    expect(layouts).toEqual([
      ['tests/e2e/output/cassettes', 'per-test-folder'],
      ['tests/ops/cassettes', 'mirrored'],
    ]);
    expect(orphans).toEqual([['tests/e2e/output/cassettes/test_dropped_scenario/openai_gpt_4o/sync.yaml', 'test-function-missing']]);
  });

  it('an extra cassette named in a marker is owned; a test without a marker, when the project marks tests, owns nothing', async () => {
    const { orphans, layouts } = await plan({
      'tests/test_agents.py': [
        'import pytest',
        '',
        "@pytest.mark.vcr('shared_data.yaml')",
        'def test_uses_shared():',
        '    ...',
        '',
        '@pytest.mark.vcr',
        'def test_marked():',
        '    ...',
        '',
        'def test_unmarked():',
        '    ...',
        '',
      ].join('\n'),
      'tests/cassettes/test_agents/shared_data.yaml': CASSETTE,
      'tests/cassettes/test_agents/test_marked.yaml': CASSETTE,
      'tests/cassettes/test_agents/test_uses_shared.yaml': CASSETTE,
      'tests/cassettes/test_agents/test_unmarked.yaml': CASSETTE,
    });
    expect(layouts).toEqual([['tests/cassettes', 'pytest-recording']]);
    expect(orphans).toEqual([['tests/cassettes/test_agents/test_unmarked.yaml', 'not-marked']]);
  });

  it('a module-level pytestmark marks every test; a cassette cassette cannot read is never judged', async () => {
    const { orphans, result } = await plan({
      'tests/test_models.py':
        'import pytest\n\npytestmark = [\n    pytest.mark.anyio,\n    pytest.mark.vcr,\n]\n\ndef test_one():\n    ...\n',
      'tests/cassettes/test_models/test_one.yaml': CASSETTE,
      'tests/realtime/test_ws.py': 'def test_other():\n    ...\n',
      'tests/realtime/cassettes/test_ws/test_gone_long_ago.yaml': WEBSOCKET,
    });
    expect(orphans).toEqual([]);
    expect(result.unsupported).toBe(1);
  });

  it('never presents a whole folder as orphans: a layout that explains too little is refused, naming the config to write', async () => {
    const { result } = await plan({
      'tests/test_a.py': marked('test_a'),
      'tests/fixtures/cassettes/recorded-by-hand-1.yaml': CASSETTE,
      'tests/fixtures/cassettes/recorded-by-hand-2.yaml': CASSETTE,
    });
    expect(result.orphans).toEqual([]);
    expect(result.refusals).toEqual([
      expect.objectContaining({
        code: 'unknown-layout',
        message: expect.stringContaining('tests/fixtures/cassettes/: no layout explains most of its 2 cassettes'),
      }),
    ]);
  });

  it("a folder named like a module beside it is pytest-recording's, even when the module's tests share its name's start", async () => {
    const { orphans, layouts } = await plan({
      'tests/test_bedrock.py': marked('test_bedrock_converse', 'test_bedrock_stream'),
      'tests/cassettes/test_bedrock/test_bedrock_converse.yaml': CASSETTE,
      'tests/cassettes/test_bedrock/test_bedrock_stream.yaml': CASSETTE,
      'tests/cassettes/test_bedrock/test_removed_long_ago.yaml': CASSETTE,
    });
    expect(layouts).toEqual([['tests/cassettes', 'pytest-recording']]);
    expect(orphans).toEqual([['tests/cassettes/test_bedrock/test_removed_long_ago.yaml', 'test-function-missing']]);
  });
});
