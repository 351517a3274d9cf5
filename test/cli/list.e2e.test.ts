import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, listJsonFiles, makeTempDir, runCli, writeTree } from '../helpers.js';

interface Row {
  id: string;
  path: string;
  testId: string | null;
  endpoint: string | null;
  model: string | null;
  kind: string;
  streaming: boolean | null;
  chunks: number | null;
  bytes: number;
  error: string | null;
}

describe('cassette list (built binary)', () => {
  it('lists the demo corpus with no arguments: a table on stdout, a summary, exit 0', () => {
    const result = runCli(['list']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+ENDPOINT\s+MODEL\s+KIND\s+STREAM\s+CHUNKS\s+SIZE\s+TEST$/);
    expect(result.stdout).toMatch(
      /^[0-9a-f]{12}\s+\/v1\/chat\/completions\s+gpt-4o\s+chat-stream\s+yes\s+16\s+13.4 kB\s+inference\/test_openai_completion.py::test_openai_chat_completion_streaming\[txt=openai\/gpt-4o-inference:chat_completion:streaming_01\]$/m,
    );
    expect(lines.at(-1)).toMatch(/^19 recordings: 2 ollama-generate, 1 chat-completion, .*; no errors$/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('prints the documented JSON shape, sorted by path, paths relative to the cwd', () => {
    const result = runCli(['list', '--json']);
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows).toHaveLength(listJsonFiles(DEMO).length);
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'path',
      'interaction',
      'testId',
      'endpoint',
      'model',
      'kind',
      'streaming',
      'chunks',
      'bytes',
      'error',
      'format',
      'container',
      'note',
    ]);
    expect(rows.map((row) => row.path)).toEqual([...rows.map((row) => row.path)].sort());
    const stream = rows.find((row) => row.kind === 'chat-stream')!;
    expect(stream).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{12}$/),
      path: expect.stringMatching(new RegExp(`^recordings/tests/integration/inference/recordings/${stream.id}[0-9a-f]{52}\\.json$`)),
      interaction: 0,
      testId:
        'tests/integration/inference/test_openai_completion.py::test_openai_chat_completion_streaming[txt=openai/gpt-4o-inference:chat_completion:streaming_01]',
      endpoint: '/v1/chat/completions',
      model: 'gpt-4o',
      kind: 'chat-stream',
      streaming: true,
      chunks: 16,
      bytes: statSync(join(ROOT, stream.path)).size,
      error: null,
      format: 'ogx',
      container: 'ogx',
      note: null,
    });
    expect(rows.find((row) => row.kind === 'ollama-ps')?.testId).toBeNull();
  });

  it('filters by test, endpoint, model and kind', () => {
    const ids = (args: string[]) => (JSON.parse(runCli(['list', '--json', ...args]).stdout) as Row[]).map((row) => row.kind);
    expect(ids(['--test', 'test_messages.py'])).toEqual(['http', 'sse-messages']);
    expect(ids(['--endpoint', '/api/'])).toHaveLength(7);
    expect(ids(['--model', 'gpt-oss'])).toEqual(['http', 'sse-messages']);
    expect(ids(['--kind', 'embeddings,ollama-embeddings']).sort()).toEqual(['embeddings', 'ollama-embeddings']);
  });

  it('rejects an unknown kind with the list of kinds, exit 2', () => {
    const result = runCli(['list', '--kind', 'chat']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("cassette: --kind: unknown value 'chat'");
    expect(result.stderr).toContain('hint: choose from: chat-stream, chat-completion');
  });

  it('exits 2 for a path that does not exist', () => {
    const result = runCli(['list', 'no/such/dir']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cassette: no such file or folder: no\/such\/dir\n/);
  });

  it('exits 2 on an unknown option, with commander usage on stderr', () => {
    const result = runCli(['list', '--nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--nope'");
  });

  it('uses colour only when forced on a pipe', () => {
    expect(runCli(['list'], { env: { NO_COLOR: undefined } }).stdout).not.toContain('\u001b[');
    expect(runCli(['list'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });

  it('prints the version and help without touching recordings', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'], { cwd: makeTempDir() })).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    const help = runCli(['--help'], { cwd: makeTempDir() });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('list [options] [paths...]');
  });

  it('lists the files of a folder without a recordings folder, and nothing else', () => {
    const root = writeTree(makeTempDir(), { 'a.json': readFileSync(listJsonFiles(DEMO)[0]!), 'notes.txt': 'x' });
    const rows = JSON.parse(runCli(['list', '--json'], { cwd: root }).stdout) as Row[];
    expect(rows.map((row) => row.path)).toEqual(['a.json']);
  });
});
