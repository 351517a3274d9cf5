import { findTextOutsideInteractions } from '../../decode/read-yaml.js';
import { dirname, relative, sep } from 'node:path';
import { findInteractionLines } from '../../decode/interaction-lines.js';
import { nameBelowFolder } from '../below-folder.js';
import type { CassetteFormat } from '../container.js';
import { findMarkedRoot } from '../project-root.js';
import { findGoVcrMisses } from './misses.js';
import { isGoVcrCassette, readGoVcrCassette } from './read-cassette.js';

const SUFFIX = /\.ya?ml$/;

/** go-vcr (v2 to v4) cassettes: YAML `version: 2`, `interactions` with `id`, `request.url`, `response.code` and `duration`. */
export const goVcr: CassetteFormat = {
  name: 'go-vcr',
  title: 'go-vcr cassette',
  holds: 'many',
  syntax: 'yaml',
  fileName: SUFFIX,
  // Go keeps test fixtures in `testdata/` (the go tool ignores it); go-vcr's docs write `fixtures/`, some projects `cassettes/`.
  folders: ['testdata', 'cassettes'],
  recognise: isGoVcrCassette,
  fallback: false,
  read: readGoVcrCassette,
  interactionLines: (text, count) => findInteractionLines(text, count, '- id:'),
  looksLike: (text) => /^interactions:/m.test(text) && /^version: /m.test(text),
  findLooseText: (text) => findTextOutsideInteractions(text, ['version', 'interactions']),
  testId: testIdOfGoCassette,
  describeSecretFix: (fix) =>
    fix.setting === 'filter_headers'
      ? `the ${JSON.stringify(fix.name)} header removed by a go-vcr hook (recorder.WithHook(..., recorder.BeforeSaveHook))`
      : `a go-vcr hook (recorder.WithHook(..., recorder.BeforeSaveHook)) that removes it from the ${fix.setting === 'before_record_response' ? 'response' : 'request'}`,
  findMisses: findGoVcrMisses,
  rerecord: (testId, cassette) => {
    const name = testId?.split('::').at(-1) ?? null;
    // The package is the folder that holds testdata/.
    const parts = cassette.split(/[\\/]/);
    const at = parts.lastIndexOf('testdata');
    const folder = at > 0 ? `./${parts.slice(0, at).join('/')}` : '.';
    // Each `/`-part of -run is a regular expression of its own: anchored, so only this subtest runs.
    const run = name
      ?.split('/')
      .map((part) => `^${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
      .join('/');
    return run
      ? { command: ['go', 'test', folder, '-run', run], steps: "with the project's record switch on (genai: RECORD=failure_only)" }
      : { command: null, steps: `re-run the test that owns it in ${folder} with the recorder in record mode` };
  },
  noise: ['duration', 'id'],
  repairs: [],
};

/**
 * `<package>::<t.Name()>`: the path below `testdata/` is the test's name with `/` as folders
 * (genai's recorder, and `t.Name()` naming in general); the package is the folder that holds
 * `testdata/`, relative to its module's `go.mod`. Go wrote spaces in subtest names as `_`,
 * and genai writes `:` as `-`: neither can be undone.
 */
function testIdOfGoCassette(absPath: string): string | null {
  const below = nameBelowFolder(absPath, (name) => name === 'testdata', SUFFIX);
  if (!below) return null;
  const pkgFolder = dirname(below.folder);
  const root = findMarkedRoot(pkgFolder, ['go.mod']) ?? pkgFolder;
  const pkg = relative(root, pkgFolder).split(sep).join('/');
  return `${pkg === '' ? '.' : pkg}::${below.name}`;
}
