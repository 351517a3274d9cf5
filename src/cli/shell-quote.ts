/**
 * A path as one shell word: bare when it is only safe characters, in single quotes
 * otherwise, and as $'…' with escapes when it holds control characters (a newline in a
 * name must not end the command).
 */
export function shellQuote(path: string): string {
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(path)) return path;
  if (!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(path)) return `'${path.replace(/'/g, `'\\''`)}'`;
  const escaped = [...path]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (char === '\\' || char === "'") return `\\${char}`;
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
      if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `\\u${code.toString(16)}`;
      return char;
    })
    .join('');
  return `$'${escaped}'`;
}
