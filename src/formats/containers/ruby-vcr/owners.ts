import { basename, dirname, join, relative, sep } from 'node:path';
import type { OwnerJudgement, OwnerRefusal, OwnerVerdict, TestSources } from '../container.js';

// The hook that names a cassette after its example (ruby_llm's spec/support/rspec_configuration.rb).
const NAMING = /full_description\.parameterize\(\s*separator:\s*['"]_['"]\s*\)(?:\.delete_prefix\(\s*['"]([^'"]*)['"]\s*\))?/;
const BLOCK =
  /^(\s*)(?:RSpec\.)?(describe|context|feature|it|specify|example|scenario|it_behaves_like|include_examples|it_should_behave_like|shared_examples(?:_for)?|shared_context)\b\s*\(?\s*(.*)$/;
const EXAMPLES = new Set(['it', 'specify', 'example', 'scenario']);
const INCLUDES = new Set(['it_behaves_like', 'include_examples', 'it_should_behave_like']);
const SHARED = /^shared_/;
const ANY = '\0';

/**
 * Ruby VCR cassettes named by their RSpec example, as ruby_llm names them:
 * `VCR.use_cassette(example.full_description.parameterize(separator: '_').delete_prefix(...))`.
 * The spec files are read for their groups and examples (by indentation, as RuboCop keeps
 * them); an interpolated description (`"#{provider}/#{model} can …"`, built in loops over the
 * model lists) matches any value, and included shared examples own whatever their group
 * names. A cassette no example can have named is an orphan. Without that hook in the spec
 * support files, or when most cassettes match no example, the folder is refused.
 */
export function judgeRubyOwners(cassettes: readonly string[], sources: TestSources): OwnerJudgement {
  const byFolder = new Map<string, string[]>();
  for (const path of cassettes) byFolder.set(dirname(path), [...(byFolder.get(dirname(path)) ?? []), path]);
  const verdicts: OwnerVerdict[] = [];
  const refusals: OwnerRefusal[] = [];
  for (const [folder, paths] of byFolder) {
    const spec = findSpecFolder(folder);
    const refuse = (code: OwnerRefusal['code'], reason: string) => refusals.push({ code, folder, cassettes: paths.length, reason });
    if (spec === null) {
      refuse('no-test-files', 'no spec/ folder above it');
      continue;
    }
    const helpers = sources.list(spec, /\.rb$/, true).filter((path) => !path.endsWith('_spec.rb'));
    const naming = helpers.map((path) => NAMING.exec(sources.read(path) ?? '')).find((match) => match !== null);
    if (!naming) {
      refuse('unknown-layout', "no example.full_description.parameterize(separator: '_') naming hook in spec/");
      continue;
    }
    const prefix = naming[1] ?? '';
    const specs = sources.list(spec, /_spec\.rb$/, true);
    if (specs.length === 0) {
      refuse('no-test-files', 'no *_spec.rb in spec/');
      continue;
    }
    const patterns = specs.flatMap((path) => readExamples(sources.read(path) ?? '').map((description) => toPattern(description, prefix)));
    const judged = paths.map((path): OwnerVerdict => {
      const name = basename(path).replace(/\.ya?ml$/, '');
      return { absPath: path, testId: name, verdict: patterns.some((pattern) => pattern.test(name)) ? 'owned' : 'test-function-missing' };
    });
    const owned = judged.filter((verdict) => verdict.verdict === 'owned').length;
    if (owned * 2 < judged.length) {
      refuse('unknown-layout', `${owned} of ${paths.length} cassettes match an example of ${relative(dirname(spec), spec)}/`);
      continue;
    }
    verdicts.push(...judged);
  }
  return { rule: "RSpec examples' full descriptions, parameterized (the spec support's use_cassette hook)", verdicts, refusals };
}

/** The nearest `spec` folder on the path above the cassettes. */
function findSpecFolder(folder: string): string | null {
  const parts = folder.split(sep);
  const at = parts.lastIndexOf('spec');
  return at < 1 ? null : join(parts.slice(0, at + 1).join(sep) || sep);
}

/**
 * Every example's full description in a spec file, interpolations as ANY; an included shared
 * group as its group's description and ANY. Examples inside shared groups are left out: they
 * run (and are named) where they are included.
 */
function readExamples(source: string): string[] {
  const stack: Array<{ indent: number; description: string | null; shared: boolean }> = [];
  const examples: string[] = [];
  for (const line of source.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    // What a group holds is indented deeper: a line as far left as a group (its `end`) closes it.
    const indent = line.length - line.trimStart().length;
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    const block = BLOCK.exec(line);
    if (!block || !/\b(?:do|\{)\s*(?:\|[^|]*\|)?\s*(?:#.*)?$/.test(line)) continue;
    const keyword = block[2]!;
    const description = readDescription(block[3]!);
    const shared = stack.some((group) => group.shared) || SHARED.test(keyword);
    if (EXAMPLES.has(keyword) || INCLUDES.has(keyword)) {
      if (shared) continue;
      const own = INCLUDES.has(keyword) ? ANY : (description ?? ANY);
      examples.push(joinDescriptions([...stack.map((group) => group.description ?? ANY), own]));
    } else stack.push({ indent, description, shared });
  }
  return examples;
}

/** The first argument of a group or example: a string literal (interpolations as ANY), a constant's name; null for anything else. */
function readDescription(args: string): string | null {
  const quoted = /^(['"])((?:\\.|(?!\1)[^\\])*)\1/.exec(args);
  if (quoted) {
    const text = quoted[2]!.replace(/\\(.)/g, '$1');
    return quoted[1] === '"' ? text.replace(/#\{[^}]*\}/g, ANY) : text;
  }
  const constant = /^[A-Z][\w:]*/.exec(args);
  return constant ? constant[0] : null;
}

/** RSpec's full_description: descriptions joined by a space, none before one that starts with `#`, `.` or `::`. */
function joinDescriptions(descriptions: readonly string[]): string {
  return descriptions.reduce((full, part) => (full === '' ? part : /^(?:#|\.|::)/.test(part) ? `${full}${part}` : `${full} ${part}`), '');
}

/**
 * The cassette names a description can give: ActiveSupport's parameterize(separator: '_')
 * (transliterated, each run of characters other than `[A-Za-z0-9_-]` as `_`, squeezed,
 * trimmed, lower-cased), the prefix deleted; ANY is any run of name characters.
 */
function toPattern(description: string, prefix: string): RegExp {
  const name = description
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_\-\0]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
  const bare = prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const source = bare
    .split(ANY)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9_-]*');
  return new RegExp(`^${source}$`);
}
