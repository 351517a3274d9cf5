import { readFileSync } from 'node:fs';
import { computeRequestHash } from '../../../src/core/hash/request-hash.js';
import { type HashScheme } from '../../../src/core/hash/schemes.js';
import { parsePythonJson } from '../../../src/core/json/parse-json.js';
import { createDiskSource } from '../../../src/core/sources/disk.js';
import { runVerify, type VerifyOptions } from '../../../src/core/verify/run-verify.js';
import { defaultSeverities } from '../../../src/core/verify/rule-list.js';
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

/** verify over paths on disk, every rule at its default severity. */
export function verifyPaths(paths: string[], cwd = '/', options: Partial<VerifyOptions> = {}) {
  return runVerify(createDiskSource({ cwd }), {
    paths,
    cwd,
    hashScheme: 'auto',
    rules: defaultSeverities(),
    secretPatterns: [],
    ...options,
  });
}

export async function verifyTree(files: Record<string, string | Buffer>, options: Partial<VerifyOptions> = {}) {
  const root = writeTree(makeTempDir(), files);
  return { root, ...(await verifyPaths(['.'], root, options)) };
}

export const INFERENCE = 'tests/integration/inference/recordings';
