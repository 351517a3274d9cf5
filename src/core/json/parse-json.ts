/**
 * A JSON parser for what Python's `json.dump` writes: standard JSON plus the `NaN`,
 * `Infinity` and `-Infinity` literals. It is iterative (an explicit stack), so a file of
 * 200,000 nested brackets is parsed, not a stack overflow, and its errors carry a line and
 * column. `JSON.parse` stays the fast path; this parser runs when that one refuses a file,
 * and when numbers must keep their source text (`1.0` is not `1` to the recorder's hash).
 */

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

/** A number as written in the file, for callers that need more than a double. */
export class RawNumber {
  constructor(readonly raw: string) {}
  /** Python reads a number with a fraction or an exponent as a float, the rest as an int. */
  get isFloat(): boolean {
    return /[.eEN]|Infinity/.test(this.raw);
  }
  valueOf(): number {
    return Number(this.raw === 'NaN' ? Number.NaN : this.raw);
  }
}

export interface ParseOptions {
  /** Keep every number as a `RawNumber` instead of a JS number. */
  lossless?: boolean;
}

interface Frame {
  container: unknown[] | Record<string, unknown>;
  isArray: boolean;
  key: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function parsePythonJson(text: string, options: ParseOptions = {}): unknown {
  const lossless = options.lossless === true;
  const length = text.length;
  let pos = 0;
  const stack: Frame[] = [];

  const fail = (reason: string, at = pos): never => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < length; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonSyntaxError(reason, at, line, at - lineStart + 1);
  };

  const describe = (at: number): string => {
    if (at >= length) return 'unexpected end of input';
    const ch = text[at]!;
    const code = ch.charCodeAt(0);
    const shown = code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
    return `unexpected character '${shown}'`;
  };

  const skipWhitespace = (): void => {
    while (pos < length && WHITESPACE.has(text.charCodeAt(pos))) pos++;
  };

  const expectWord = (word: string): void => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return;
    }
    let at = pos;
    while (at < length && text[at] === word[at - pos]) at++;
    fail(describe(at), at);
  };

  // Jumps straight to the next quote, backslash or control character: long strings (base64
  // images in requests) are copied in slices, not walked one character at a time.
  const SPECIAL = /["\\\u0000-\u001f]/g;
  const parseString = (): string => {
    // pos is on the opening quote
    pos++;
    let out = '';
    let chunkStart = pos;
    for (;;) {
      SPECIAL.lastIndex = pos;
      const match = SPECIAL.exec(text);
      if (!match) fail('unterminated string', length);
      pos = match!.index;
      const code = text.charCodeAt(pos);
      if (code === 0x22) {
        out += text.slice(chunkStart, pos);
        pos++;
        return out;
      }
      if (code !== 0x5c) fail('control character in string');
      out += text.slice(chunkStart, pos);
      const esc = text[pos + 1];
      switch (esc) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape', pos);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          fail(esc === undefined ? 'unterminated string' : `invalid escape '\\${esc}'`, pos);
      }
      pos += 2;
      chunkStart = pos;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const parseNumber = (): unknown => {
    if (text.startsWith('-Infinity', pos)) {
      pos += 9;
      return lossless ? new RawNumber('-Infinity') : Number.NEGATIVE_INFINITY;
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match || match[0] === '-') return fail(describe(pos));
    pos += match[0].length;
    return lossless ? new RawNumber(match[0]) : Number(match[0]);
  };

  /** Parses a scalar, or opens a container and returns the marker OPENED. */
  const OPENED = Symbol('opened');
  const parseValueStart = (): unknown => {
    skipWhitespace();
    const code = text.charCodeAt(pos);
    switch (code) {
      case 0x7b: // {
        pos++;
        stack.push({ container: {}, isArray: false, key: '' });
        return OPENED;
      case 0x5b: // [
        pos++;
        stack.push({ container: [], isArray: true, key: '' });
        return OPENED;
      case 0x22:
        return parseString();
      case 0x74:
        expectWord('true');
        return true;
      case 0x66:
        expectWord('false');
        return false;
      case 0x6e:
        expectWord('null');
        return null;
      case 0x4e:
        expectWord('NaN');
        return lossless ? new RawNumber('NaN') : Number.NaN;
      case 0x49:
        expectWord('Infinity');
        return lossless ? new RawNumber('Infinity') : Number.POSITIVE_INFINITY;
      default:
        if (code === 0x2d || (code >= 0x30 && code <= 0x39)) return parseNumber();
        return fail(describe(pos));
    }
  };

  const readKey = (frame: Frame): void => {
    skipWhitespace();
    if (text.charCodeAt(pos) !== 0x22) fail(pos >= length ? 'unexpected end of input' : 'expected a string key');
    frame.key = parseString();
    skipWhitespace();
    if (text.charCodeAt(pos) !== 0x3a) fail(pos >= length ? 'unexpected end of input' : "expected ':'");
    pos++;
  };

  const attach = (frame: Frame, value: unknown): void => {
    if (frame.isArray) (frame.container as unknown[]).push(value);
    else if (frame.key === '__proto__') {
      // A plain assignment would replace the prototype: keep it an own property, as JSON.parse does.
      Object.defineProperty(frame.container, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    } else (frame.container as Record<string, unknown>)[frame.key] = value;
  };

  let value = parseValueStart();
  for (;;) {
    if (value === OPENED) {
      // Just opened a container: it may be empty.
      const frame = stack[stack.length - 1]!;
      skipWhitespace();
      const close = frame.isArray ? 0x5d : 0x7d;
      if (text.charCodeAt(pos) === close) {
        pos++;
        stack.pop();
        value = frame.container;
      } else {
        if (!frame.isArray) readKey(frame);
        value = parseValueStart();
        continue;
      }
    }
    // A complete value: attach it to its parent, then read the separator.
    const parent = stack[stack.length - 1];
    if (!parent) break;
    attach(parent, value);
    skipWhitespace();
    const code = text.charCodeAt(pos);
    if (code === 0x2c) {
      pos++;
      if (!parent.isArray) readKey(parent);
      value = parseValueStart();
      continue;
    }
    if (code === (parent.isArray ? 0x5d : 0x7d)) {
      pos++;
      stack.pop();
      value = parent.container;
      continue;
    }
    fail(pos >= length ? 'unexpected end of input' : `${describe(pos)}, expected ',' or '${parent.isArray ? ']' : '}'}'`);
  }
  skipWhitespace();
  if (pos < length) fail(`${describe(pos)} after the end of the JSON value`);
  return value;
}
