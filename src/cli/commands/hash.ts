import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readOptions } from '../read-options.js';
import { readHashInput } from '../../core/hash/hash-input.js';
import { computeRequestHash } from '../../core/hash/request-hash.js';
import { HASH_SCHEMES, type HashScheme } from '../../core/hash/schemes.js';
import { parsePythonJson } from '../../core/json/parse-json.js';
import { openRecording } from '../../core/load/open-recording.js';
import { createDiskSource, diskFile } from '../../core/sources/disk.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { isRecordingName, isSingleCallName } from '../../formats/containers/index.js';
import { UserError } from '../errors.js';
import { chooseHashScheme } from '../hash-scheme.js';
import { stringifyJson } from '../../core/json/depth.js';

/** The hash the recorder computes for a recording, a request, or a body: what its file must be named. */
export function run(args: { input: string }, rawOptions: unknown, context: Context): Outcome {
  const options = readOptions('hash', rawOptions);
  const fromStdin = args.input === '-';
  const path = fromStdin ? null : resolve(context.cwd, args.input);
  if (path !== null && isRecordingName(path) && !isSingleCallName(path))
    throw new UserError(
      `${args.input} is a cassette: its recorder finds a request by method, URI (and body), not by a hash`,
      "cassette why <the recorder's miss error, or the test log> explains a cassette miss",
    );
  const value = path === null ? parseInput(readStdin(), args.input) : readInputFile(path, args.input, context.cwd);
  const input = readHashInput(value, { testId: options.testId, method: options.method, url: options.url });
  if (!input.ok)
    throw new UserError(
      `${args.input}: ${input.reason}`,
      'cassette hash <recording | request.json | -> [--test-id ID] [--method M] [--url URL]',
    );
  const choice = chooseHashScheme(options.hashScheme, context, path === null ? [] : [dirname(path)]);
  // By layout, only a file in a 2025 responses/ folder is E2.
  const scheme: HashScheme =
    choice.option !== 'auto' ? choice.option : path !== null && /[\\/]responses[\\/][^\\/]+$/.test(path) ? 'E2' : 'E7';
  const schemes = options.allSchemes ? [...HASH_SCHEMES] : [scheme];
  const rows = schemes.map((each) => {
    const hash = computeRequestHash(input.recording, each);
    return { scheme: each, hash, file: hash === null ? null : `${each === 'E2' ? hash.slice(0, 12) : hash}.json` };
  });
  // A request no scheme can hash is a finding, whatever the output format.
  const exitCode = exitCodeFor({ errors: rows.filter((row) => row.hash === null).length });
  if (options.json)
    return { output: `${stringifyJson({ input: input.form, scheme: choice.description, hashes: rows }, 2)}\n`, exitCode, kind: 'json' };
  const lines = rows.map((row) =>
    options.allSchemes ? `${row.scheme}  ${row.hash ?? '(cannot be hashed)'}` : (row.hash ?? '(cannot be hashed)'),
  );
  if (!options.allSchemes)
    lines.push(
      context.terminal.out.dim(
        `${scheme}${choice.option === 'auto' ? '' : ` (${choice.description})`}: the recorder looks for ${rows[0]!.file ?? 'nothing'}`,
      ),
    );
  else lines.push(context.terminal.out.dim('E1 hashes as E2; its file is found through index.sqlite'));
  return { output: `${lines.join('\n')}\n`, exitCode };
}

/**
 * A recording is read by the loader every command uses (its request with numbers as
 * written); anything else (a request object, a bare body) is parsed here, losslessly.
 */
function readInputFile(path: string, input: string, cwd: string): unknown {
  const source = createDiskSource({ cwd });
  const file = diskFile(path, cwd);
  const raw = source.read(file);
  if (!raw.ok) throw new UserError(`${path}: ${raw.problem.message}`);
  const recording = openRecording(source, file, raw);
  return (recording.envelope && recording.lossless()) ?? parseInput(raw.text, input);
}

/** Python-flavoured JSON, `1.0` kept apart from `1` as the recorder hashes it. */
function parseInput(text: string, input: string): unknown {
  try {
    return parsePythonJson(text.replace(/^\uFEFF/, ''), { lossless: true });
  } catch (error) {
    throw new UserError(`${input}: not JSON (${(error as Error).message})`);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read standard input: ${(error as Error).message}`);
  }
}
