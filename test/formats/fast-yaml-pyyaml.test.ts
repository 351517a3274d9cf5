import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotPyYamlOutput, readPyYaml } from '../../src/formats/decode/fast-yaml.js';
import { FIXTURES } from '../helpers.js';
import { PYTHON_LOAD_DOCUMENTS, asPython } from '../oracle/pyyaml.js';

// Our own cassettes, damaged the ways hand edits, bad merges and hostile pull requests damage
// YAML: lines lost, repeated, cut short or re-indented, and YAML's indicators, escapes and odd
// line breaks dropped in anywhere.
const VCR = join(FIXTURES, 'vcr');
const CASSETTES = (readdirSync(VCR, { recursive: true }) as string[])
  .filter((path) => /\.ya?ml$/.test(path))
  .sort()
  .map((path) => readFileSync(join(VCR, path), 'utf8'));
const PIECES = [' ', '  ', '- ', ': ', ':', "'", "''", '"', '\\', '|', '|-', '|+-', '>', '#', ' #', '!!binary ', '{}', '[]', '&a ', '*a'];
const MORE = [
  '...',
  '--- ',
  '? ',
  ',',
  '%',
  '@',
  'null',
  '~',
  'yes',
  'n',
  '0x1F',
  '1e3',
  '1_000',
  '.5',
  '-.5',
  '.',
  '+1.',
  '09',
  '2020-01-01',
  '-',
  '=',
  'é',
];
const BREAKS = ['\u0085', '\u2028', '\u2029', '\ufeff', '\\N', '\\_', '\\L', '\\P', '\\e', '\\x41', '\\u00e9', '\\q', '\t', '\r'];
const edit = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), column: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), column: fc.nat(), text: fc.constantFrom(...PIECES, ...MORE, ...BREAKS) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function damage(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  for (const change of edits) {
    const at = change.at % lines.length;
    const line = lines[at] ?? '';
    if (change.op === 'delete') lines.splice(at, 1);
    else if (change.op === 'repeat') lines.splice(at, 0, line);
    else if (change.op === 'cut') lines[at] = line.slice(0, change.column % (line.length + 1));
    else if (change.op === 'indent')
      lines[at] = change.by >= 0 ? ' '.repeat(change.by) + line : line.replace(/^ {0,3}/, (s) => s.slice(-change.by));
    else {
      const column = change.column % (line.length + 1);
      lines[at] = line.slice(0, column) + change.text + line.slice(column);
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
}

describe('the fast reader against PyYAML, on damaged cassettes', () => {
  it('reads each one exactly as PyYAML does, or leaves it to the full parser; never a crash', () => {
    const samples = fc.sample(fc.tuple(fc.nat({ max: CASSETTES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 })), {
      numRuns: 1500,
      seed: 20261127,
    });
    const documents = samples.map(([which, edits]) => damage(CASSETTES[which]!, edits));
    const python = JSON.parse(
      execFileSync('python3', ['-c', PYTHON_LOAD_DOCUMENTS], {
        input: JSON.stringify(documents),
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      }),
    ) as Array<{ value?: unknown; error?: string }>;
    let read = 0;
    const wrong: string[] = [];
    documents.forEach((document, i) => {
      let ours: unknown;
      try {
        ours = readPyYaml(document);
      } catch (error) {
        if (error instanceof NotPyYamlOutput) return;
        throw error;
      }
      read++;
      const theirs = python[i]!;
      if (theirs.error !== undefined) wrong.push(`#${i}: PyYAML refuses it (${theirs.error}), the fast reader read it`);
      else if (JSON.stringify(asPython(ours)) !== JSON.stringify(theirs.value)) wrong.push(`#${i}: read otherwise than PyYAML reads it`);
    });
    expect(wrong).toEqual([]);
    // Not vacuous: many damaged cassettes are still PyYAML output the fast reader takes.
    expect(read).toBeGreaterThan(300);
  });
});
