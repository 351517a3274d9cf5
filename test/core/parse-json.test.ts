import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, RawNumber, parsePythonJson } from '../../src/core/json/parse-json.js';

describe('parsePythonJson', () => {
  it('reads the NaN and Infinity literals Python writes', () => {
    expect(parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity, 1.5]}')).toEqual({ a: Number.NaN, b: [Infinity, -Infinity, 1.5] });
  });

  it('agrees with JSON.parse on standard JSON', () => {
    const text =
      '{"s": "caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\n", "n": [0, -1, 2.5e-3, 1E+2], "t": true, "f": false, "z": null, "e": {}, "l": []}';
    expect(parsePythonJson(text)).toEqual(JSON.parse(text));
  });

  it('survives 200,000 nested brackets without a stack overflow', () => {
    const depth = 200_000;
    let value = parsePythonJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    let levels = 0;
    while (Array.isArray(value) && value.length > 0) {
      value = value[0];
      levels++;
    }
    expect(levels).toBe(depth - 1);
  });

  it('keeps number text when asked to, so 1.0 stays a float and big ints stay exact', () => {
    const value = parsePythonJson('[1.0, 12345678901234567890123, 1e5, NaN]', { lossless: true }) as RawNumber[];
    expect(value.map((n) => n.raw)).toEqual(['1.0', '12345678901234567890123', '1e5', 'NaN']);
    expect(value.map((n) => n.isFloat)).toEqual([true, false, true, true]);
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const value = parsePythonJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a": 1', 'unexpected end of input', 1, 8],
    ['{\n  "a": [1, 2\n', 'unexpected end of input', 3, 1],
    ['{"a": tru}', "unexpected character '}'", 1, 10],
    ['{"a": 1} x', "unexpected character 'x' after the end of the JSON value", 1, 10],
    ['{"a": "\u0001"}', 'control character in string', 1, 8],
    ['', 'unexpected end of input', 1, 1],
  ])('reports %j with a reason, line and column', (text, reason, line, column) => {
    try {
      parsePythonJson(text);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).reason).toContain(reason);
      expect([(error as JsonSyntaxError).line, (error as JsonSyntaxError).column]).toEqual([line, column]);
    }
  });
});
