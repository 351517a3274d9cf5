import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createProgram } from '../src/cli/program.js';
import { RULES_DOC, renderRulesDoc } from '../scripts/write-rules-doc.js';
import { ROOT } from './helpers.js';

const DOCS = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).map((name) => join(ROOT, 'docs', name))];

/** The code blocks of a Markdown file: language and text. */
function codeBlocks(path: string): Array<{ lang: string; text: string }> {
  return [...readFileSync(path, 'utf8').matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1]!, text: match[2]! }));
}

/** Splits a command line as a POSIX shell does for plain words and quotes (no expansion). */
function splitWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g))
    words.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
  return words;
}

/**
 * Every cassette command shown: in a shell block, each line (or, in a block that shows
 * output, each `$ ` line), parts of `&&` chains included; and every inline `cassette …` span.
 */
function shownCommands(): Array<{ file: string; words: string[] }> {
  const found: Array<{ file: string; words: string[] }> = [];
  const take = (file: string, line: string) => {
    for (const part of line.replace(/\s+#\s.*$/, '').split(/\s*(?:&&|\|\||;)\s*|\s\|\s/)) {
      const words = splitWords(part);
      const at = words[0] === 'npx' ? 1 : 0;
      if (words[at] === 'cassette' || words[at] === 'cassette-cli') found.push({ file, words: words.slice(at + 1) });
    }
  };
  for (const file of DOCS) {
    for (const block of codeBlocks(file)) {
      if (!['', 'sh', 'bash', 'console'].includes(block.lang)) continue;
      const lines = block.text.split('\n');
      const prompted = lines.some((line) => line.startsWith('$ '));
      for (const line of lines) if (!prompted || line.startsWith('$ ')) take(file, line.replace(/^\$ /, ''));
    }
    const prose = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
    // A span of the command's name alone (`cassette why`) names it; one with arguments or options is one to run.
    for (const match of prose.matchAll(/`((?:npx )?cassette(?:-cli)? [a-z]+ [^`]+)`/g)) take(file, match[1]!);
  }
  return found;
}

/** The program with every action a no-op: parsing alone says whether a command line is one cassette takes. */
function parseOnly(words: string[]): void {
  const program = createProgram();
  const quiet = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    command.action(() => {});
    command.commands.forEach(quiet);
  };
  quiet(program);
  program.parse(['node', 'cassette', ...words]);
}

describe('the README and docs/', () => {
  it('have the rule table and the finding codes exactly as the rule definitions say (npm run docs:rules)', () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(renderRulesDoc());
  });

  it('show only cassette commands that run as shown: known commands and options, arguments given', () => {
    const commands = shownCommands();
    expect(commands.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const { file, words } of commands) {
      try {
        parseOnly(words);
      } catch (error) {
        const helpOrVersion = error instanceof CommanderError && error.exitCode === 0;
        if (!helpOrVersion) failures.push(`${file.slice(ROOT.length)}: cassette ${words.join(' ')}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("show pre-commit hooks and Action inputs that exist, and the README's adoption steps stay short", () => {
    const hooks = (parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>).map((hook) => hook.id);
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const readme = join(ROOT, 'README.md');
    const yamlBlocks = codeBlocks(readme).filter((block) => block.lang === 'yaml');
    const shownHooks = yamlBlocks.flatMap((block) => [...block.text.matchAll(/- id: ([\w-]+)/g)].map((match) => match[1]!));
    expect(shownHooks.length).toBeGreaterThan(0);
    for (const id of shownHooks) expect(hooks).toContain(id);
    const withInputs = yamlBlocks.map((block) => /uses: .*\n\s+with:\n((?:\s+[\w-]+: .*\n?)+)/.exec(block.text)).find(Boolean);
    for (const match of withInputs![1]!.matchAll(/([\w-]+):/g)) expect(Object.keys(action.inputs)).toContain(match[1]);
    expect(readFileSync(readme, 'utf8').split('\n').length).toBeLessThanOrEqual(300);
  });
});
