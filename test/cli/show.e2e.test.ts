import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, makeTempDir, runCli, writeTree } from '../helpers.js';

interface Row {
  id: string;
  path: string;
  kind: string;
  testId: string | null;
}

const rows = JSON.parse(runCli(['list', '--json']).stdout) as Row[];
const stream = rows.find((row) => row.kind === 'chat-stream')!;
const tools = rows.find((row) => row.kind === 'chat-completion')!;
const hashOf = (row: Row) => row.path.split('/').at(-1)!.replace('.json', '');

describe('cassette show (built binary)', () => {
  it('shows a chat stream: header, request messages and the rebuilt answer', () => {
    const result = runCli(['show', stream.id.slice(0, 6)]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `file     ${stream.path}`,
        `test     ${stream.testId}`,
        'endpoint POST /v1/chat/completions',
        'model    gpt-4o',
        'url      https://api.openai.com/v1/v1/chat/completions',
        'kind     chat-stream (streamed, 16 chunks, 13.4 kB)',
        '',
        'request',
        '  [system] You are a helpful assistant.',
        '  [user] What is the capital of France?',
        '  params stream=true, stream_options={"include_usage":true}, temperature=0.7',
        '',
        'answer',
        '  The capital of France is Paris, known for the Eiffel Tower and the Louvre.',
        '  finish stop',
        '  usage prompt 24, completion 17, total 41',
        '',
      ].join('\n'),
    );
  });

  it('finds the same recording by full hash, rec- id, path and test id', () => {
    const expected = runCli(['show', stream.id]).stdout;
    for (const ref of [hashOf(stream), `rec-${stream.id}`, stream.path, stream.testId!, 'test_openai_chat_completion_streaming']) {
      expect(runCli(['show', ref]).stdout, ref).toBe(expected);
    }
  });

  it('lists the candidates of an ambiguous ref on stderr and exits 2', () => {
    const result = runCli(['show', 'test_openai_completion.py']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe("cassette: 'test_openai_completion.py' matches 3 recordings");
    expect(lines.slice(1, 4).every((line) => /^ {2}[0-9a-f]{12} {2}inference\/test_openai_completion\.py::/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('hint: give more of the hash, the full test id, or a path');
  });

  it('rejects a missing ref with exit 2, and a too-short hex prefix is not a hash', () => {
    const missing = runCli(['show', 'ffffffff']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cassette: no recording matches 'ffffffff' among 19 recordings");
    expect(runCli(['show', 'abc']).status).toBe(2);
  });

  it('prints the documented JSON, with tool calls as parsed arguments', () => {
    const result = runCli(['show', tools.id, '--json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 16)).toEqual([
      'id',
      'path',
      'interaction',
      'testId',
      'endpoint',
      'model',
      'kind',
      'streaming',
      'note',
      'findings',
      'text',
      'reasoning',
      'toolCalls',
      'finishReason',
      'usage',
      'error',
    ]);
    expect(json).toMatchObject({
      id: tools.id,
      kind: 'chat-completion',
      streaming: false,
      text: null,
      toolCalls: [{ id: 'call_8mB0cJcQ3fN7', name: 'get_weather', arguments: { city: 'Tokyo' } }],
      finishReason: 'tool_calls',
      usage: { prompt: 61, completion: 15, total: 76 },
      error: null,
    });
  });

  it('prints tool calls with pretty-printed arguments in human output', () => {
    const result = runCli(['show', tools.id]);
    expect(result.stdout).toContain(
      '  tool call get_weather (call_8mB0cJcQ3fN7)\n    {\n      "city": "Tokyo"\n    }\n  finish tool_calls\n',
    );
    expect(result.stdout).toContain('  tools get_weather\n');
  });

  it('shows a recorded exception', () => {
    const exception = rows.find((row) => row.kind === 'exception')!;
    expect(runCli(['show', exception.id]).stdout).toContain(
      "  error BadRequestError (400)\n    Error code: 400 - {'error': {'message': 'invalid image input'",
    );
  });

  it('--raw prints the file pretty-printed, numbers as written', () => {
    const result = runCli(['show', '--raw', stream.id]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, stream.path), 'utf8'));
  });

  it('shortens long messages unless --full', () => {
    const generate = rows.find((row) => row.kind === 'ollama-generate' && row.testId !== null)!;
    expect(runCli(['show', generate.id]).stdout).toContain('[prompt] Task: Check');
    const recording = readFileSync(join(FIXTURES, 'kinds', 'chat-stream-two-choices.json'), 'utf8').replace(
      'Say a colour',
      'word '.repeat(100),
    );
    const root = writeTree(makeTempDir(), { 'long.json': recording });
    expect(runCli(['show', 'long.json'], { cwd: root }).stdout).toContain(
      `[user] ${'word '.repeat(60)}… (200 more characters, --full shows all)`,
    );
    expect(runCli(['show', 'long.json', '--full'], { cwd: root }).stdout).toContain(`[user] ${'word '.repeat(100)}\n`);
  });
});

describe('cassette show on the 2025 layout', () => {
  it('says whether index.sqlite lists the file, and that such files carry no test id', () => {
    const legacy = rows.find((row) => row.path.includes('/recordings/responses/'))!;
    const out = runCli(['show', legacy.id]).stdout;
    expect(out).toContain('test     (not recorded: files before 2025-10 carry no test id)\n');
    expect(out).toContain('index    listed in index.sqlite, recorded 2025-07-29 23:23:09\n');
  });

  it('flags a file that index.sqlite does not list: the recorder never finds it', () => {
    const root = makeTempDir();
    const legacy = rows.find((row) => row.path.includes('/recordings/responses/'))!;
    writeTree(root, {
      'recordings/index.sqlite': readFileSync(join(ROOT, 'recordings/tests/integration/recordings/index.sqlite')),
      'recordings/responses/0123456789ab.json': readFileSync(join(ROOT, legacy.path)),
    });
    expect(runCli(['show', '0123456789ab'], { cwd: root }).stdout).toContain(
      'index    not in index.sqlite: the recorder never finds this file\n',
    );
  });
});
