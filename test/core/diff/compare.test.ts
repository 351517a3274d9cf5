import { describe, expect, it } from 'vitest';
import { compareLoaded, loadSide } from '../../../src/core/diff/compare.js';
import type { RecordingSource } from '../../../src/core/sources/source.js';
import { DEFAULT_NOISE_FIELDS } from '../../../src/core/diff/noise.js';
import { demoRecording, serialise, type Recording } from '../verify/verify-helpers.js';

const noise = new Set<string>(DEFAULT_NOISE_FIELDS);
const paths = { path: 'a.json', file: 'a.json', rel: 'a.json', oldPath: null, status: 'modified' as const, similarity: null };

/** A source of one text: what the loader reads when a side comes from memory. */
function textSide(text: string, noiseFields: ReadonlySet<string>) {
  const source: RecordingSource = {
    label: 'memory',
    list: () => ({ files: [], skipped: [], missing: [] }),
    read: () => ({ ok: true, text, bytes: Buffer.byteLength(text) }),
  };
  return loadSide({ source, file: { path: 'a.json', absPath: '/a.json', display: 'a.json' } }, noiseFields);
}

function compareRecordings(before: string, after: string, changePaths: typeof paths, noiseFields: ReadonlySet<string>) {
  return compareLoaded(textSide(before, noiseFields), textSide(after, noiseFields), changePaths, noiseFields);
}

/** Compares a demo recording with an edited copy of itself. */
function changeOf(kind: Parameters<typeof demoRecording>[0], edit: (recording: Recording) => void, noiseFields = noise) {
  const before = demoRecording(kind);
  const after = demoRecording(kind);
  edit(after);
  return compareRecordings(serialise(before), serialise(after), paths, noiseFields);
}

describe('compareRecordings', () => {
  it('calls a re-record that changed only ids, timestamps, fingerprints and obfuscation noise-only', () => {
    const change = changeOf('chat-stream', (r) => {
      for (const chunk of r.response.body)
        Object.assign(chunk.__data__, { id: 'chatcmpl-new', created: 1_731_000_000, system_fingerprint: 'fp_other', obfuscation: 'Zq9' });
    });
    expect(change.kinds).toEqual(['noise-only']);
  });

  it('lists request changes by JSON path', () => {
    const change = changeOf('chat-stream', (r) => {
      r.request.body.temperature = 0.2;
      r.request.body.messages[1].content = 'What is the capital of Italy?';
      r.test_id = `${r.test_id}-renamed`;
    });
    expect(change.kinds).toEqual(['request']);
    expect(change.details.request).toEqual([
      { path: 'request.body.messages[1].content', old: 'What is the capital of France?', new: 'What is the capital of Italy?' },
      { path: 'request.body.temperature', old: 0.7, new: 0.2 },
      { path: 'test_id', old: expect.stringMatching(/streaming_01\]$/), new: expect.stringMatching(/-renamed$/) },
    ]);
  });

  it('finds text, finish reason, usage and model changes in a stream', () => {
    const change = changeOf('chat-stream', (r) => {
      r.response.body[1].__data__.choices[0].delta.content = 'city ';
      r.response.body.at(-2).__data__.choices[0].finish_reason = 'length';
      r.response.body.at(-1).__data__.usage.completion_tokens = 30;
      for (const chunk of r.response.body) chunk.__data__.model = 'gpt-4o-2024-11-20';
    });
    expect(change.kinds).toEqual(['text', 'finish-reason', 'usage', 'model']);
    expect(change.details.finishReason).toEqual({ old: 'stop', new: 'length' });
    expect(change.details.usage).toEqual({
      old: { prompt: 24, completion: 17, total: 41 },
      new: { prompt: 24, completion: 30, total: 41 },
    });
    expect(change.details.model).toEqual({ old: 'gpt-4o-2024-08-06', new: 'gpt-4o-2024-11-20' });
  });

  it('compares tool calls by name and parsed arguments, not by call id or key order', () => {
    const sameCall = changeOf('chat-completion', (r) => {
      const call = r.response.body.__data__.choices[0].message.tool_calls[0];
      call.id = 'call_other';
      call.function.arguments = '{ "city" : "Tokyo" }';
    });
    expect(sameCall.kinds).toEqual(['noise-only']);
    const otherCall = changeOf(
      'chat-completion',
      (r) => (r.response.body.__data__.choices[0].message.tool_calls[0].function.arguments = '{"city":"Kyoto"}'),
    );
    expect(otherCall.kinds).toEqual(['tool-calls']);
  });

  it('finds reasoning that changed', () => {
    const change = changeOf('chat-completion', (r) => (r.response.body.__data__.choices[0].message.reasoning = 'Weather means a tool.'));
    expect(change.kinds).toEqual(['reasoning']);
  });

  it('finds an exception that appeared', () => {
    const change = changeOf('chat-completion', (r) => {
      r.response = {
        body: null,
        is_streaming: false,
        is_exception: true,
        exception_data: { type: 'RateLimitError', status_code: 429, message: 'slow down' },
      };
    });
    expect(change.kinds).toContain('error');
    expect(change.details.error).toEqual({ old: null, new: { type: 'RateLimitError', status: 429, message: 'slow down' } });
  });

  it('calls the same text in a different number of chunks a structure change', () => {
    const change = changeOf('chat-stream', (r) => {
      const [first, second] = r.response.body;
      first.__data__.choices[0].delta.content += second.__data__.choices[0].delta.content;
      r.response.body.splice(1, 1);
    });
    expect(change.kinds).toEqual(['structure']);
    expect(change.details.structure).toEqual(['chunks 16 -> 15']);
  });

  it('calls another changed response field a structure change, and respects configured noise', () => {
    const edit = (r: Recording) => (r.response.body.__data__.service_tier = 'flex');
    expect(changeOf('chat-completion', edit).details.structure).toEqual(['other fields: response.body.__data__.service_tier']);
    expect(changeOf('chat-completion', edit, new Set([...noise, 'service_tier'])).kinds).toEqual(['noise-only']);
  });

  it('reports an unreadable side instead of failing', () => {
    const change = compareRecordings(serialise(demoRecording('tool')), '{"request": ', paths, noise);
    expect(change.kinds).toEqual([]);
    expect(change.problems).toEqual(['new a.json: truncated JSON: unexpected end of input at line 1, column 13']);
  });
});
