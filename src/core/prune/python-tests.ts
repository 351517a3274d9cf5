/**
 * What a Python test file defines, read statically: top-level functions, and the methods
 * of each class (nested classes as `Outer::Inner`). Only `def`/`async def`/`class` lines and
 * their indentation are read; anything this cannot see (inherited methods, imported or
 * generated tests) is reported as unknown, never as missing.
 */
export interface PythonTestFile {
  functions: Set<string>;
  classes: Map<string, { methods: Set<string>; hasBases: boolean }>;
  /** Every identifier in the file: a name that appears nowhere is certainly not defined. */
  words: Set<string>;
}

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/;
const CLASS = /^([ \t]*)class[ \t]+([A-Za-z_]\w*)[ \t]*(\(([^)]*)\))?[ \t]*:/;

export function scanPythonTests(source: string): PythonTestFile {
  const result: PythonTestFile = { functions: new Set(), classes: new Map(), words: new Set(source.match(/[A-Za-z_]\w*/g) ?? []) };
  // Open scopes, innermost last: classes record their methods, functions hide nested defs.
  const scopes: Array<{ indent: number; kind: 'class' | 'def'; path: string }> = [];
  for (const line of source.split(/\r?\n/)) {
    const def = DEF.exec(line);
    const cls = def ? null : CLASS.exec(line);
    const match = def ?? cls;
    if (!match) continue;
    const indent = match[1]!.replace(/\t/g, '        ').length;
    while (scopes.length > 0 && scopes[scopes.length - 1]!.indent >= indent) scopes.pop();
    const parent = scopes[scopes.length - 1];
    const name = match[2]!;
    if (def) {
      if (!parent) result.functions.add(name);
      else if (parent.kind === 'class') result.classes.get(parent.path)?.methods.add(name);
      scopes.push({ indent, kind: 'def', path: name });
    } else if (!parent || parent.kind === 'class') {
      const path = parent ? `${parent.path}::${name}` : name;
      const bases = (cls![4] ?? '')
        .split(',')
        .map((base) => base.trim())
        .filter((base) => base !== '' && base !== 'object');
      result.classes.set(path, { methods: new Set(), hasBases: bases.length > 0 });
      scopes.push({ indent, kind: 'class', path });
    } else {
      scopes.push({ indent, kind: 'def', path: name }); // a class inside a function: not collected by pytest
    }
  }
  return result;
}

export type DefinitionStatus = 'defined' | 'missing' | 'unknown';

/** Is `Class::method` or `function` defined? `unknown` when inheritance or imports could supply it. */
export function findDefinition(file: PythonTestFile, classes: readonly string[], name: string): DefinitionStatus {
  if (classes.length === 0) {
    if (file.functions.has(name)) return 'defined';
    return file.words.has(name) ? 'unknown' : 'missing';
  }
  const cls = file.classes.get(classes.join('::'));
  if (!cls) return file.words.has(classes[classes.length - 1]!) ? 'unknown' : 'missing';
  if (cls.methods.has(name)) return 'defined';
  // An inherited test method (class TestX(Base)) is collected under TestX too; a name that
  // still appears in the file may be assigned rather than defined.
  return cls.hasBases || file.words.has(name) ? 'unknown' : 'missing';
}
