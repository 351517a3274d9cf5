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
  /** Tests marked `@pytest.mark.vcr` (`name`, `Class::name`), directly or through their class. */
  vcrMarked: Set<string>;
  /** `pytestmark` holds `pytest.mark.vcr`: every test of the module is marked. */
  moduleMarked: boolean;
  /** Cassette files named in `pytest.mark.vcr('shared.yaml', …)`: extra cassettes those tests read. */
  extraCassettes: string[];
}

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/;
const VCR_DECORATOR = /^[ \t]*@(?:pytest\.)?mark\.vcr\b/;
const MODULE_MARK = /^pytestmark\s*=[^\n]*(?:\n[ \t]+[^\n]*)*/gm;
const VCR_CALL = /mark\.vcr\(([^)]*)\)/g;
const CASSETTE_LITERAL = /["']([^"'\n]+\.ya?ml(?:\.gz)?)["']/g;
const CLASS = /^([ \t]*)class[ \t]+([A-Za-z_]\w*)[ \t]*(\(([^)]*)\))?[ \t]*:/;

export function scanPythonTests(source: string): PythonTestFile {
  const result: PythonTestFile = {
    functions: new Set(),
    classes: new Map(),
    words: new Set(source.match(/[A-Za-z_]\w*/g) ?? []),
    vcrMarked: new Set(),
    moduleMarked: [...source.matchAll(MODULE_MARK)].some((match) => /mark\.vcr\b/.test(match[0])),
    extraCassettes: [...source.matchAll(VCR_CALL)].flatMap((call) =>
      [...call[1]!.matchAll(CASSETTE_LITERAL)].map((literal) => literal[1]!),
    ),
  };
  // Open scopes, innermost last: classes record their methods, functions hide nested defs.
  const scopes: Array<{ indent: number; kind: 'class' | 'def'; path: string; marked: boolean }> = [];
  // The decorators read since the last definition: a vcr marker among them marks what follows.
  let decoratedVcr = false;
  for (const line of source.split(/\r?\n/)) {
    if (VCR_DECORATOR.test(line)) decoratedVcr = true;
    const def = DEF.exec(line);
    const cls = def ? null : CLASS.exec(line);
    const match = def ?? cls;
    if (!match) continue;
    const marked = decoratedVcr;
    decoratedVcr = false;
    const indent = match[1]!.replace(/\t/g, '        ').length;
    while (scopes.length > 0 && scopes[scopes.length - 1]!.indent >= indent) scopes.pop();
    const parent = scopes[scopes.length - 1];
    const name = match[2]!;
    if (def) {
      if (!parent) {
        result.functions.add(name);
        if (marked) result.vcrMarked.add(name);
      } else if (parent.kind === 'class') {
        result.classes.get(parent.path)?.methods.add(name);
        if (marked || parent.marked) result.vcrMarked.add(`${parent.path}::${name}`);
      }
      scopes.push({ indent, kind: 'def', path: name, marked: false });
    } else if (!parent || parent.kind === 'class') {
      const path = parent ? `${parent.path}::${name}` : name;
      const bases = (cls![4] ?? '')
        .split(',')
        .map((base) => base.trim())
        .filter((base) => base !== '' && base !== 'object');
      result.classes.set(path, { methods: new Set(), hasBases: bases.length > 0 });
      scopes.push({ indent, kind: 'class', path, marked: marked || (parent?.marked ?? false) });
    } else {
      scopes.push({ indent, kind: 'def', path: name, marked: false }); // a class inside a function: not collected by pytest
    }
  }
  return result;
}

/** Does the file mark this test for vcr (itself, its class, or the whole module)? */
export function isVcrMarked(file: PythonTestFile, classes: readonly string[], name: string): boolean {
  return file.moduleMarked || file.vcrMarked.has([...classes, name].join('::'));
}

/** Does the file use vcr markers at all? A project that marks its tests records only marked ones. */
export function usesVcrMarkers(file: PythonTestFile): boolean {
  return file.moduleMarked || file.vcrMarked.size > 0;
}

/** Every test the file defines, as `name` or `Class::name`. */
export function listTests(file: PythonTestFile): string[] {
  return [...file.functions, ...[...file.classes].flatMap(([cls, { methods }]) => [...methods].map((method) => `${cls}::${method}`))];
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
