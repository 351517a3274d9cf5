import { findTextOutsideInteractions } from '../../decode/read-yaml.js';
import type { CassetteFormat } from '../container.js';
import { findInteractionLines } from '../../decode/interaction-lines.js';
import { findVcrpyMisses } from './misses.js';
import { isVcrpyCassette, readVcrpyCassette } from './read-cassette.js';
import { testIdOfCassette } from './test-id.js';

/** vcrpy and pytest-recording (and langchain-aws's variant): YAML, `interactions` of request/response. */
export const vcrpy: CassetteFormat = {
  name: 'vcrpy',
  title: 'vcrpy cassette',
  holds: 'many',
  syntax: 'yaml',
  fileName: /\.ya?ml(\.gz)?$/,
  folders: ['cassettes'],
  recognise: isVcrpyCassette,
  // A YAML file under cassettes/ that no recorder's format fits is said to be unsupported, not passed over.
  fallback: true,
  read: readVcrpyCassette,
  interactionLines: (text, count) => findInteractionLines(text, count, '- request:'),
  looksLike: (text) => /^(?:interactions|requests):/m.test(text),
  findLooseText: (text) => findTextOutsideInteractions(text, ['interactions', 'version', 'requests', 'responses']),
  testId: (absPath) => testIdOfCassette(absPath),
  describeSecretFix: (fix) => {
    if (fix.name !== null) return `${fix.setting}=[${JSON.stringify(fix.name)}] in the test's vcr_config`;
    return `a ${fix.setting} hook in the test's vcr_config that removes it from the ${fix.setting === 'before_record_request' ? 'request' : 'response'}`;
  },
  findMisses: findVcrpyMisses,
  // pytest-recording's --record-mode: `once` records a cassette that does not exist, `rewrite` replaces one.
  rerecord: (testId, _cassette, missing) => {
    const mode = missing ? '--record-mode=once' : '--record-mode=rewrite';
    return testId
      ? { command: ['pytest', mode, testId], steps: null }
      : { command: null, steps: `re-record the test that owns it with ${mode}` };
  },
  // vcrpy writes nothing per recording beside the call itself.
  noise: [],
  repairs: [],
};
