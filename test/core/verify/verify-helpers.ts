import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeRequestHash, type HashScheme } from '../../../src/core/hash/request-hash.js';
import { parsePythonJson } from '../../../src/core/json/parse-json.js';
import { DEFAULT_SEVERITY } from '../../../src/core/verify/messages.js';
import { runVerify } from '../../../src/core/verify/run-verify.js';
import type { VerifyOptions } from '../../../src/core/verify/types.js';
import type { JsonObject } from '../../../src/core/json/json-value.js';
import { DEMO, listJsonFiles, makeTempDir, writeTree } from '../../helpers.js';

export type Recording = Record<string, any>;

/** A demo recording of a kind, as a fresh object to edit. */
export function demoRecording(kind: 'chat-stream' | 'chat-completion' | 'tool' | 'ollama-generate'): Recording {
  const needle = {
    'chat-stream': 'test_openai_chat_completion_streaming',
    'chat-completion': 'test_openai_chat_completion_with_tool_choice',
    tool: 'test_web_search',
    'ollama-generate': 'test_safe_examples',
  }[kind];
  const file = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes(needle))!;
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

/** Python's indent=2 layout; numbers that must stay floats are written by the caller as text. */
export const serialise = (recording: Recording): string => `${JSON.stringify(recording, null, 2)}\n`;

export function hashOf(text: string, scheme: HashScheme = 'E7'): string {
  return computeRequestHash(parsePythonJson(text, { lossless: true }) as JsonObject, scheme)!;
}

/** Writes `<dir>/<hash>.json` named by the recording's own hash (or a given name). */
export function place(dir: string, text: string, name = `${hashOf(text)}.json`): Record<string, string> {
  return { [`${dir}/${name}`]: text };
}

export function verifyTree(files: Record<string, string | Buffer>, options: Partial<VerifyOptions> = {}) {
  const root = writeTree(makeTempDir(), files);
  return {
    root,
    ...runVerify({ paths: ['.'], cwd: root, hashScheme: 'auto', rules: { ...DEFAULT_SEVERITY }, secretPatterns: [], ...options }),
  };
}

export const INFERENCE = 'tests/integration/inference/recordings';
export const DEMO_DIR = join(DEMO);
