import { RawNumber } from './parse-json.js';

/** Rewrites a scalar on its way out (the recorder's normalisation), without copying the tree. */
export type ScalarMapper = (scalar: unknown) => unknown;

/** Where serialised text goes, piece by piece: a string builder, or a hash. */
export type JsonSink = (text: string) => void;

/**
 * Python's `json.dumps(value, sort_keys=True)`, byte for byte: separators `", "` and
 * `": "`, `ensure_ascii` escaping, keys in code-point order, ints in full and floats as
 * `repr(float)`. Values come from the lossless parser: a `RawNumber` is what the file said
 * (an int, or a float when it has a `.` or an exponent); a JS `number` is a Python float.
 */
export function pythonJsonDumps(value: unknown, mapScalar?: ScalarMapper): string {
  const parts: string[] = [];
  writePythonJson(value, (text) => parts.push(text), mapScalar);
  return parts.join('');
}

/**
 * The same text as `pythonJsonDumps`, handed to `sink` in pieces, so that a hash can take it
 * without the whole serialisation (a base64 image is half a megabyte) ever being one string.
 */

export function writePythonJson(value: unknown, sink: JsonSink, mapScalar?: ScalarMapper): void {
  // An explicit stack, not recursion: hostile request bodies nest deeper than the JS stack.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Token) {
      sink(item.text);
    } else if (Array.isArray(item)) {
      if (item.length === 0) {
        sink('[]');
        continue;
      }
      sink('[');
      stack.push(CLOSE_ARRAY);
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push(COMMA);
      }
    } else if (typeof item === 'object' && item !== null && !(item instanceof RawNumber)) {
      const keys = sortKeys(Object.keys(item));
      if (keys.length === 0) {
        sink('{}');
        continue;
      }
      sink('{');
      stack.push(CLOSE_OBJECT);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push((item as Record<string, unknown>)[key]);
        stack.push(new Token(`${encodeString(key)}: `));
        if (i > 0) stack.push(COMMA);
      }
    } else {
      sink(dumpScalar(mapScalar ? mapScalar(item) : item));
    }
  }
}

export function dumpScalar(item: unknown): string {
  if (item === null || item === undefined) return 'null';
  if (item === true) return 'true';
  if (item === false) return 'false';
  if (typeof item === 'string') return encodeString(item);
  if (typeof item === 'number') return pythonFloatRepr(item);
  if (item instanceof RawNumber) return formatRawNumber(item);
  throw new TypeError(`cannot serialise ${typeof item}`);
}

/** Code-point order; the default sort already gives it unless a key holds a surrogate. */
function sortKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  return SURROGATE.test(keys.join('')) ? keys.sort(compareCodePoints) : keys.sort();
}

const SURROGATE = /[\ud800-\udfff]/;

class Token {
  constructor(readonly text: string) {}
}
const COMMA = new Token(', ');
const CLOSE_ARRAY = new Token(']');
const CLOSE_OBJECT = new Token('}');

function formatRawNumber(number: RawNumber): string {
  if (number.isFloat) return pythonFloatRepr(number.valueOf());
  // Python's int(): any size, and `-0` is just 0.
  return /^-0+$/.test(number.raw) ? '0' : number.raw;
}

/** `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() with no argument gives the shortest digits that round-trip, as repr does.
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intDigits = exponent + 1;
  if (digits.length <= intDigits) return `${sign}${digits}${'0'.repeat(intDigits - digits.length)}.0`;
  return `${sign}${digits.slice(0, intDigits)}.${digits.slice(intDigits)}`;
}

/** `json.dumps` string escaping with `ensure_ascii=True`: every code unit outside space..~ as `\uXXXX`. */
function encodeString(text: string): string {
  // Fast path: most strings need no escaping at all.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c) {
      out += text[i];
      continue;
    }
    switch (code) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      // JS strings are UTF-16 already: astral characters arrive as the surrogate pair Python writes.
      default:
        out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}"`;
}

/**
 * Python sorts str keys by code point; JS compares UTF-16 code units, which disagree when a
 * surrogate (astral character) meets a character from U+E000 up. Shifting the two ranges fixes it.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixUp(x) - fixUp(y);
  }
  return a.length - b.length;
}

function fixUp(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return code + 0x2000;
  if (code >= 0xe000) return code - 0x800;
  return code;
}

/**
 * Python's `round(x, 5)`: the exact binary value rounded half to even. `toFixed` is exact
 * too but breaks ties away from zero; a tie at 5 decimals means x is an odd multiple of 1/64.
 */
export function pythonRound5(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  // From 2^49 up, a double's fraction is a multiple of 1/8: already exact at 5 decimals.
  if (magnitude >= 2 ** 49) return value;
  return Number(formatFixed5(value));
}

/** Python's `f"{x:.5f}"`: exact value, ties half to even, any magnitude, `-0.00000` kept. */
export function pythonFormatFixed5(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Math.abs(value) >= 2 ** 53) return `${BigInt(value).toString()}.00000`;
  const text = formatFixed5(value);
  return value < 0 || Object.is(value, -0) ? (text.startsWith('-') ? text : `-${text}`) : text;
}

function formatFixed5(value: number): string {
  const magnitude = Math.abs(value);
  const scaled = magnitude * 64; // exact: a power of two
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    // magnitude = j/64 with j odd, so magnitude * 1e5 = j*3125/2 sits exactly between two integers.
    const twice = BigInt(scaled) * 3125n;
    const low = (twice - 1n) / 2n;
    const chosen = low % 2n === 0n ? low : low + 1n;
    const digits = chosen.toString().padStart(6, '0');
    const text = `${digits.slice(0, -5)}.${digits.slice(-5)}`;
    return value < 0 ? `-${text}` : text;
  }
  return value.toFixed(5);
}
