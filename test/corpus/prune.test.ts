import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, ROOT, ogxCorpusRoots, runCli } from '../helpers.js';

interface PruneJson {
  orphans: unknown[];
  refusals: Array<{ code: string }>;
}

describe('cassette prune on the real corpus', () => {
  // The ogx samples are recordings folders without the tests that wrote them.
  it('refuses to judge recordings whose tree has no test files: the ogx samples', () => {
    const roots = ogxCorpusRoots().map((root) => relative(ROOT, root));
    expect(roots.length).toBeGreaterThan(0);
    const dry = runCli(['prune', '--json', ...roots]);
    expect(dry.status).toBe(2);
    const report = JSON.parse(dry.stdout) as PruneJson;
    expect(report.orphans).toEqual([]);
    expect(report.refusals[0]).toMatchObject({ code: 'no-test-files' });
    const deletion = runCli(['prune', '--delete', ...roots]);
    expect(deletion.status).toBe(2);
    expect(deletion.stdout).toContain('nothing deleted');
  });
});

interface LayoutJson {
  orphans: Array<{ path: string; testId: string; reason: string }>;
  considered: number;
  unsupported: number;
  layouts: Array<{ folder: string; layout: string | null; total: number }>;
  refusals: Array<{ code: string }>;
}

/** prune --json of one project of the corpus, run from its root as its maintainers would. */
function pruneProject(project: string): { status: number | null; report: LayoutJson } {
  const run = runCli(['prune', '--json', '.'], { cwd: join(CORPUS, 'vcr', project) });
  return { status: run.status, report: JSON.parse(run.stdout) as LayoutJson };
}

describe('cassette prune on the projects of the real corpus, each by its own layout', () => {
  it('crewAI: the cassettes tree mirrors the test folders; only cassettes whose test is gone or unmarked are orphans', () => {
    const { report } = pruneProject('crewai/lib/crewai');
    expect(report.layouts).toEqual([{ folder: 'tests/cassettes', layout: 'mirrored', explained: expect.any(Object), total: 16 }]);
    expect(report.orphans.map((orphan) => [orphan.path, orphan.reason])).toEqual([
      ['tests/cassettes/test_before_crew_with_none_input.yaml', 'test-function-missing'],
      ['tests/cassettes/test_kickoff_for_each_error_handling.yaml', 'not-marked'],
      ['tests/cassettes/tracing/TestTraceListenerSetup.test_trace_batch_marked_as_failed_on_finalize_error.yaml', 'not-marked'],
    ]);
  });

  it('Mirascope: cassettes beside the modules and per-test folders; every cassette has its test', () => {
    const { status, report } = pruneProject('mirascope/python');
    expect(status).toBe(0);
    expect(report.orphans).toEqual([]);
    expect(report.considered).toBe(14);
    expect(report.layouts.map((choice) => [choice.folder, choice.layout])).toEqual([
      ['tests/e2e/input/cassettes', 'per-test-folder'],
      ['tests/e2e/output/cassettes', 'per-test-folder'],
      ['tests/ops/_internal/cassettes', 'mirrored'],
      ['tests/ops/_internal/instrumentation/llm/cassettes', 'mirrored'],
    ]);
  });

  it("pydantic-ai: pytest-recording's layout; its WebSocket and gRPC cassettes are never judged", () => {
    const { status, report } = pruneProject('pydantic-ai');
    expect(status).toBe(0);
    expect(report.orphans).toEqual([]);
    expect(report.unsupported).toBe(3);
    expect(new Set(report.layouts.map((choice) => choice.layout))).toEqual(new Set(['pytest-recording']));
  });

  it('openllmetry: cassettes without their test modules are refused, never judged as orphans', () => {
    const { status, report } = pruneProject('openllmetry');
    expect(status).toBe(2);
    expect(report.orphans).toEqual([]);
    expect(report.refusals.every((refusal) => refusal.code === 'no-test-files')).toBe(true);
  });
});
