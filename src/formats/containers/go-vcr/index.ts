import { findTextOutsideInteractions } from '../../decode/read-yaml.js';
import { findInteractionLines } from '../../decode/interaction-lines.js';
import type { CassetteFormat } from '../container.js';
import { findGoVcrMisses } from './misses.js';
import { judgeGoOwners } from './owners.js';
import { isGoVcrCassette, readGoVcrCassette } from './read-cassette.js';
import { SUFFIX, testIdOfGoCassette } from './test-id.js';

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
  judgeOwners: judgeGoOwners,
  findMisses: findGoVcrMisses,
  rerecord: (testId, cassette) => {
    const name = testId?.split('::').at(-1) ?? null;
    // The package is the folder that holds testdata/; a path that starts at testdata/ (go-vcr's
    // own error, relative to a package the log does not name) runs the test wherever it is.
    const parts = cassette.split(/[\\/]/);
    const at = parts.lastIndexOf('testdata');
    const folder = at > 0 ? `./${parts.slice(0, at).join('/')}` : './...';
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
