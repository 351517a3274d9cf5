import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';

describe('the bundle', () => {
  const DIST = join(ROOT, 'dist');
  /** Every file a module loads before it runs: its static imports, followed. */
  function staticGraph(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|\n)import\s[^;]*?from\s*"(\.[^"]+)"/g))
      staticGraph(resolve(dirname(file), match[1]!), seen);
    return seen;
  }
  const chunkOf = (command: string) => {
    const found = /import\("(\.\/chunks\/[a-z-]+-[A-Z0-9]+\.js)"\)/g;
    const cli = readFileSync(join(DIST, 'cli.js'), 'utf8');
    return [...cli.matchAll(found)].map((match) => match[1]!).find((path) => path.startsWith(`./chunks/${command}-`))!;
  };
  const loadsReact = (files: Set<string>) => [...files].filter((file) => readFileSync(file, 'utf8').includes('react.transitional.element'));

  it('starts without child_process, which commander loads for subcommand executables cassette has none of', () => {
    // The modules a run has loaded, printed as it exits (stderr: the command's own output stays on stdout).
    const PRINT_MODULES = 'data:text/javascript,process.on("exit", () => console.error(process.moduleLoadList.join(" ")))';
    const loaded = (args: string[]) =>
      spawnSync(process.execPath, ['--import', PRINT_MODULES, join(ROOT, 'bin', 'cassette.js'), ...args], { encoding: 'utf8' });
    const nodeAlone = spawnSync(process.execPath, ['-e', "console.error(process.moduleLoadList.join(' '))"], { encoding: 'utf8' }).stderr;
    expect(nodeAlone).not.toContain('NativeModule child_process');
    const version = loaded(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(version.stderr).toContain('NativeModule fs');
    expect(version.stderr).not.toContain('NativeModule child_process');
    // An unknown command is still commander's usage error, exit 2 (child_process is only proxied).
    expect(runCli(['nosuch'])).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command 'nosuch'") });
  });

  it('loads ink and react for browse only: never for --help, list, show or verify', () => {
    expect(loadsReact(staticGraph(join(DIST, 'cli.js')))).toEqual([]);
    for (const command of ['list', 'show', 'verify']) expect(loadsReact(staticGraph(join(DIST, chunkOf(command))))).toEqual([]);
    const browse = readFileSync(join(DIST, chunkOf('browse')), 'utf8');
    const opened = /import\("\.\/(open-browser-[A-Z0-9]+\.js)"\)/.exec(browse)![1]!;
    expect(loadsReact(staticGraph(join(DIST, 'chunks', opened)))).not.toEqual([]);
  });
});
