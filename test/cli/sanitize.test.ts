import fc from 'fast-check';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { shortenTestId, truncateEnd } from '../../src/cli/format-text.js';
import { escapeText, prepareOutput } from '../../src/cli/sanitize.js';

const KEY = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
const human = (text: string, colour = false) => prepareOutput(text, 'human', { colour, terminal: true });
// Any control character a terminal obeys: C0 but tab and newline, DEL, C1, bidi controls.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('escaping untrusted text', () => {
  it('shows escape sequences, C1 and bidi controls as \\x and \\u, keeps tab and newline', () => {
    expect(escapeText('a\u001b[2Jb\u009bc\u202ed\u2066e\tf\ng\r')).toBe('a\\x1b[2Jb\\x9bc\\u202ed\\u2066e\tf\ng\\x0d');
  });

  it("keeps cassette's own colour on a terminal, shows any other control", () => {
    const c = new Chalk({ level: 1 });
    expect(human(`${c.red('error')} \u001b]0;title\u0007`, true)).toBe(`${c.red('error')} \\x1b]0;title\\x07`);
    expect(human(c.red('error'), false)).toBe('\\x1b[31merror\\x1b[39m');
  });

  it('never lets a line start with :: (a GitHub workflow command)', () => {
    expect(human('ok\n::error file=x::forged\n  ::warning::y\n')).toBe('ok\n\\x3a:error file=x::forged\n  \\x3a:warning::y\n');
    // Annotations are cassette's own report: left as they are.
    expect(prepareOutput('::error file=a::b\n', 'report', { colour: false, terminal: false })).toBe('::error file=a::b\n');
  });

  it('masks keys in every kind of output but raw, keeping the kind, 4 characters and the length', () => {
    expect(human(`key ${KEY}`)).toBe('key sk-p… (OpenAI API key, 40 characters)');
    expect(prepareOutput(JSON.stringify({ testId: `t[${KEY}]` }), 'json', { colour: false, terminal: false })).toBe(
      '{"testId":"t[sk-p… (OpenAI API key, 40 characters)]"}',
    );
    expect(human('GET https://x/v1?key=AbCdEfGh12345678&alt=sse')).toBe('GET https://x/v1?key=AbCd… (credential, 16 characters)&alt=sse');
    expect(human('"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIi"')).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(prepareOutput(`raw ${KEY}`, 'raw', { colour: false, terminal: false })).toBe(`raw ${KEY}`);
  });

  it('leaves placeholders and words that merely start like a key alone', () => {
    for (const text of [
      'sk-learn-compatible-estimator',
      '${OPENAI_API_KEY}',
      'Bearer <redacted>',
      'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'fake-api-key',
    ]) {
      expect(human(text)).toBe(text);
    }
  });

  it('escapes C1 and bidi controls in JSON as \\u, which a terminal cannot obey', () => {
    expect(prepareOutput('{"a":"\u202e\u0085"}', 'json', { colour: false, terminal: false })).toBe('{"a":"\\u202e\\u0085"}');
  });

  it('on a terminal, show --raw output is escaped too', () => {
    expect(prepareOutput('a\u001b[2Jb', 'raw', { colour: false, terminal: true })).toBe('a\\x1b[2Jb');
    expect(prepareOutput('a\u001b[2Jb', 'raw', { colour: false, terminal: false })).toBe('a\u001b[2Jb');
  });
});

describe('truncation', () => {
  const controls = fc.constantFrom('\u001b', '\u0007', '\u009b', '\u202e', '\u2066', '\n', '\t', 'é', '😀', 'a', 'b');
  // No backslash of its own, so that every backslash in the output is one cassette wrote.
  const untrusted = fc
    .array(fc.oneof(controls, fc.string({ maxLength: 3 })), { maxLength: 40 })
    .map((parts) => parts.join('').replace(/\\/g, '/'));

  it('never cuts an escape in half, never exceeds the width, never lets a control through', () => {
    fc.assert(
      fc.property(untrusted, fc.integer({ min: 1, max: 30 }), (text, width) => {
        for (const out of [truncateEnd(text, width), shortenTestId(`tests/a.py::t[${text}]`, width)]) {
          expect(out.length).toBeLessThanOrEqual(Math.max(width, 1));
          expect(out).not.toMatch(RAW_CONTROL);
          expect(out).not.toMatch(/\n/);
          // Every escape cassette wrote is whole: no \x or \u left without its hex digits before the cut.
          expect(out).not.toMatch(/\\x[0-9a-f]?…|\\u[0-9a-f]{0,3}…|\\x[0-9a-f]?$|\\u[0-9a-f]{0,3}$/);
        }
      }),
    );
  });
});
