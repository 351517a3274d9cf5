import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runDiff } from '../../src/cli/commands/diff.js';
import { run as runList } from '../../src/cli/commands/list.js';
import { run as runShow } from '../../src/cli/commands/show.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import type { Outcome } from '../../src/cli/context.js';
import { UserError } from '../../src/cli/errors.js';
import { prepareOutput } from '../../src/cli/sanitize.js';
import { DEMO, listJsonFiles, makeTempDir, outputOf, runCli, testContext, writeTree } from '../helpers.js';

/**
 * Every recording is untrusted input. Whatever a file holds (control characters, bidi
 * overrides, nesting 100,000 deep, keys planted anywhere), no command crashes, no raw
 * control character reaches the output, and no 16 characters of a key are printed by
 * anything but show --raw.
 */

const STREAM = JSON.parse(
  readFileSync(
    listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!,
    'utf8',
  ),
) as Record<string, any>;
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FOLDER = 'tests/integration/inference/recordings';

/** What main writes for an outcome: through the one writer, as on a pipe. */
const printed = (outcome: Outcome): string => prepareOutput(outputOf(outcome), outcome.kind ?? 'human', { colour: false, terminal: false });

/** Every 16-character piece of a key: any one of them in the output is a leak. */
const pieces = (key: string): string[] => Array.from({ length: key.length - 15 }, (_, i) => key.slice(i, i + 16));

async function everyOutput(root: string, file: string): Promise<string[]> {
  const context = () => testContext(root).context;
  // A usage error is an answer too (exit 2, its message on stderr): its words are checked like any output.
  const attempt = async (run: () => Outcome | Promise<Outcome>): Promise<string> => {
    try {
      return printed(await run());
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return prepareOutput(`${error.message}\n${error.details.join('\n')}`, 'human', { colour: false, terminal: false });
    }
  };
  const copy = join(root, 'copy.json');
  return Promise.all([
    attempt(() => runList({ paths: ['tests'] }, {}, context())),
    attempt(() => runList({ paths: ['tests'] }, { json: true }, context())),
    attempt(() => runShow({ ref: file, paths: [] }, {}, context())),
    attempt(() => runShow({ ref: file, paths: [] }, { json: true }, context())),
    attempt(() => runShow({ ref: file, paths: [] }, { full: true }, context())),
    ...['human', 'json', 'github', 'junit'].map((format) => attempt(() => runVerify({ paths: ['tests'] }, { format }, context()))),
    attempt(() => runDiff({ inputs: [file, copy] }, {}, context())),
    attempt(() => runDiff({ inputs: [file, copy] }, { json: true }, context())),
  ]);
}

describe('hostile recordings', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', '\n', '\u001b', '[', '2', 'J', '\u0007', '\u009b', '\u202e', '\u2066', ':', 'é', '😀'),
  });
  const key = fc
    .stringMatching(/^[A-Za-z0-9]{40}$/)
    .filter((body) => /\d/.test(body) && /[A-Za-z]/.test(body) && new Set(body).size >= 10 && !/(.)\1{5,}/.test(body))
    .map((body) => `sk-proj-${body}`);

  it('never crash, never print a raw control character, never print 16 characters of a planted key', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        key,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 50, max: 1500 }),
        async (name, words, secret, split, depth) => {
          const recording = structuredClone(STREAM);
          // Keys are whole tokens (a prefix glued to a word is none): each is planted as one.
          recording.test_id = `tests/integration/inference/test_x.py::test_y[${name} ${secret}]`;
          recording.request.body.messages[1].content = `${words} ${secret}`;
          recording.request.headers = { Authorization: `Bearer ${secret}` };
          // The key split across two stream chunks: whole only in the rebuilt answer.
          recording.response.body[1].__data__.choices[0].delta.content = `${words} ${secret.slice(0, split * 5)}`;
          recording.response.body[2].__data__.choices[0].delta.content = `${secret.slice(split * 5)} ${name}`;
          recording.request.body.metadata = JSON.parse(`${'['.repeat(depth)}"${secret}"${']'.repeat(depth)}`);
          const textOut = JSON.stringify(recording, null, 2);
          const root = writeTree(makeTempDir(), {
            [`${FOLDER}/${name.replace(/[/\\]/g, '_')}x.json`]: textOut,
            'copy.json': textOut.replace(/Paris/g, 'Lyon'),
          });
          const file = join(root, listJsonFiles(join(root, 'tests'))[0]!.slice(root.length + 1));
          for (const output of await everyOutput(root, file)) {
            expect(output).not.toMatch(RAW_CONTROL);
            for (const piece of pieces(secret)) expect(output).not.toContain(piece);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('show --raw prints the file as written, key included, when piped', async () => {
    const recording = structuredClone(STREAM);
    recording.request.headers = { Authorization: 'Bearer sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z' };
    const root = writeTree(makeTempDir(), { [`${FOLDER}/a.json`]: JSON.stringify(recording, null, 2) });
    const outcome = await runShow({ ref: join(root, FOLDER, 'a.json'), paths: [] }, { raw: true }, testContext(root).context);
    expect(printed(outcome)).toContain('sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
  });

  describe('nesting 100,000 levels deep (built binary)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const base = JSON.stringify(STREAM, null, 2);
    const files = {
      [`${FOLDER}/request.json`]: base.replace('"temperature": 0.7', `"temperature": ${deep}`),
      [`${FOLDER}/body.json`]: base.replace('"finish_reason": null', `"finish_reason": ${deep}`),
      [`${FOLDER}/arguments.json`]: base.replace(
        '"tool_calls": null',
        `"tool_calls": [{"index": 0, "id": "c", "function": {"name": "f", "arguments": "${deep}"}}]`,
      ),
    };

    it.each([
      ['list'],
      ['list', '--json'],
      ['verify'],
      ['verify', '--json'],
      ['show', `${FOLDER}/request.json`],
      ['show', '--json', `${FOLDER}/arguments.json`],
      ['show', '--raw', `${FOLDER}/body.json`],
      ['diff', `${FOLDER}/request.json`, `${FOLDER}/arguments.json`],
      ['diff', '--json', `${FOLDER}/body.json`, `${FOLDER}/arguments.json`],
    ])('cassette %s … gives findings or "too deeply nested", never a crash', (...args) => {
      const root = writeTree(makeTempDir(), files);
      const result = runCli(args[0] === 'list' || args[0] === 'verify' ? [...args, 'tests'] : args, { cwd: root });
      expect(result.stderr).not.toContain('internal error');
      expect(result.status).toBeLessThan(2);
    });
  });
});
