import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { renderPruneHuman } from '../../../src/cli/reporters/prune.js';
import type { Terminal } from '../../../src/cli/terminal.js';
import { planPrune } from '../../../src/core/prune/plan-prune.js';
import { FIXTURES, indexPaths, makeTempDir, writeTree } from '../../helpers.js';

const CASSETTE = readFileSync(join(FIXTURES, 'vcr/tests/models/cassettes/test_openai/TestAgent.test_two_calls.yaml'), 'utf8');
const CASSETTES = 'tests/models/cassettes/test_openai';

/** A pydantic-ai-like tree: test_openai.py and the cassettes named after its tests (two interactions each). */
async function project(testModule: string, names: string[]) {
  const files: Record<string, string> = { 'tests/models/test_openai.py': testModule, 'tests/conftest.py': '' };
  for (const name of names) files[`${CASSETTES}/${name}.yaml`] = CASSETTE;
  const root = writeTree(makeTempDir(), files);
  const { entries } = await indexPaths(['tests'], root);
  return { root, entries };
}

const MODULE = [
  'import pytest',
  '',
  '@pytest.mark.parametrize("model", ["gpt-4o", "o3/mini"])',
  'async def test_chat(model):',
  '    ...',
  '',
  'class TestAgent:',
  '    def test_two_calls(self):',
  '        ...',
  '',
].join('\n');

describe('prune on cassettes', () => {
  it('judges each cassette once, by its test module and function or Class.method, ignoring [params] (static)', async () => {
    const { root, entries } = await project(MODULE, [
      'test_chat[gpt-4o]',
      'test_chat[o3-mini]',
      'test_chat[removed]',
      'TestAgent.test_two_calls',
      'test_gone',
      'TestAgent.test_gone',
    ]);
    expect(entries).toHaveLength(12); // two interactions each
    const plan = planPrune({ entries, cwd: root, root: null, collected: null, maxDelete: 10 });
    expect(plan.considered).toBe(6);
    expect(plan.orphans.map((orphan) => [orphan.testId, orphan.reason])).toEqual([
      ['tests/models/test_openai.py::TestAgent::test_gone', 'test-function-missing'],
      ['tests/models/test_openai.py::test_gone', 'test-function-missing'],
    ]);
  });

  it('finds removed parametrisations from a real collection, matching names pytest-recording sanitised', async () => {
    const { root, entries } = await project(MODULE, [
      'test_chat[gpt-4o]',
      'test_chat[o3-mini]',
      'test_chat[removed]',
      'TestAgent.test_two_calls',
    ]);
    const collected = new Set([
      'tests/models/test_openai.py::test_chat[gpt-4o]',
      'tests/models/test_openai.py::test_chat[o3/mini]',
      'tests/models/test_openai.py::TestAgent::test_two_calls',
    ]);
    const plan = planPrune({ entries, cwd: root, root: null, collected, maxDelete: 10 });
    expect(plan.orphans.map((orphan) => [orphan.entry.path, orphan.reason])).toEqual([
      [`tests/models/cassettes/test_openai/test_chat[removed].yaml`, 'not-collected'],
    ]);
    expect(plan.refusals).toEqual([]);
  });

  it('judges no cassette of a folder that no layout explains, and says which config key maps it', async () => {
    const root = writeTree(makeTempDir(), {
      'tests/models/test_openai.py': MODULE,
      [`${CASSETTES}/TestAgent.test_two_calls.yaml`]: CASSETTE,
      // A folder of cassettes no test beside it explains: a layout of the project's own.
      'tests/cassettes/test_flat.yaml': CASSETTE,
    });
    const { entries } = await indexPaths(['tests'], root);
    const plan = planPrune({ entries, cwd: root, root: null, collected: null, maxDelete: 10 });
    expect(plan).toMatchObject({ considered: 1, orphans: [] });
    expect(plan.refusals).toEqual([expect.objectContaining({ code: 'unknown-layout' })]);
    const plain = new Chalk({ level: 0 });
    const terminal = { out: plain, err: plain } as Terminal;
    const human = renderPruneHuman({ plan, deletion: null, refused: false, forced: [] }, terminal, root);
    expect(human).toContain('tests/cassettes/: no layout explains most of its 1 cassettes');
    expect(human).toContain('map them to their tests with cassetteNames in the config (docs/config.md)');
  });
});
