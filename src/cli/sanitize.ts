import { maskSecrets } from '../core/secrets.js';

/**
 * What reaches a terminal, a CI log or a pipe from recordings is untrusted: file names,
 * test ids, prompts and answers may carry escape sequences, bidi controls or text that CI
 * reads as commands. Every byte cassette writes passes through `prepareOutput`.
 */

/** human: tables and reports; json: --json; report: GitHub annotations and JUnit XML; raw: show --raw. */
export type OutputKind = 'human' | 'json' | 'report' | 'raw';

// C0 but tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// C1 and bidi are legal unescaped in JSON strings; a terminal still obeys them.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// Colour and style, which cassette itself writes through chalk: ESC [ params m.
const SGR = /^\u001b\[[0-9;]*m/;
// A line GitHub Actions would read as a workflow command (`::error …`), colour codes and indent aside.
const WORKFLOW_COMMAND = /^((?:[ \t]|\u001b\[[0-9;]*m)*)::/gm;

/** `\x1b`, `\u202e`: a control character made visible, as a reader would type it. */
function notation(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Untrusted text made safe to print: every control character but tab and newline is shown, not obeyed. */
export function escapeText(text: string): string {
  return text.replace(CONTROL, notation);
}

/** The same for a one-line field (a path, a test id, a model): tab and newline are shown too, so rows stay rows. */
export function escapeLine(text: string): string {
  return escapeText(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** The same for text that holds cassette's own colour codes: those stay, any other control is shown. */
function escapeKeepingColour(text: string): string {
  return text.replace(CONTROL, (char, offset: number) =>
    char === '\u001b' && SGR.test(text.slice(offset, offset + 32)) ? char : notation(char),
  );
}

export function prepareOutput(text: string, kind: OutputKind, options: { colour: boolean; terminal: boolean }): string {
  switch (kind) {
    case 'raw':
      // show --raw prints the file as it is, secrets included; on a terminal, controls are still shown, not obeyed.
      return options.terminal ? escapeText(text) : text;
    case 'json':
      return maskSecrets(text).replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    case 'report':
      return escapeText(maskSecrets(text));
    case 'human': {
      const escaped = options.colour ? escapeKeepingColour(maskSecrets(text)) : escapeText(maskSecrets(text));
      return escaped.replace(WORKFLOW_COMMAND, '$1\\x3a:');
    }
  }
}
