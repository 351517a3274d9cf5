import { isCassettesDir } from '../../../core/sources/folders.js';
import { nameBelowFolder } from '../below-folder.js';
import type { CassetteFormat } from '../container.js';
import { judgePollyOwners } from './owners.js';
import { findPollyMisses } from './misses.js';
import { findHarLooseText, isHar, readHar } from './read-har.js';

const SUFFIX = /\.har$/;

/** Polly.js recordings (HAR 1.2): `log.entries`, each with `_id`, `_order`, `startedDateTime`, `timings`. */
export const pollyHar: CassetteFormat = {
  name: 'polly-har',
  title: 'Polly.js HAR recording',
  holds: 'many',
  syntax: 'json',
  fileName: SUFFIX,
  // `.har` is written by no tool but HTTP recorders: taken wherever it sits (Polly's default folder is `recordings/`).
  folders: 'any',
  recognise: isHar,
  fallback: true,
  read: readHar,
  looksLike: (text) => text.includes('"entries"'),
  findLooseText: (_text, value) => findHarLooseText(value),
  // Polly's recording name as the persister laid it out below the recordings folder (`call/openai_completions/returns-…`).
  testId: (absPath) => nameBelowFolder(absPath, (name) => isCassettesDir(name) || name === 'recordings', SUFFIX)?.name ?? null,
  describeSecretFix: (fix) =>
    fix.setting === 'filter_headers'
      ? `a beforePersist handler that sets the ${JSON.stringify(fix.name)} header to [REDACTED]`
      : `a beforePersist handler that removes it from the recorded ${fix.setting === 'before_record_response' ? 'response' : 'request'}`,
  judgeOwners: judgePollyOwners,
  findMisses: findPollyMisses,
  rerecord: (_testId, cassette, missing) =>
    missing
      ? { command: null, steps: 'run its test with recordIfMissing: Polly records what it does not find' }
      : { command: ['rm', cassette], steps: 'then run its test again with recordIfMissing: Polly records what it does not find' },
  noise: ['_id', '_order', 'startedDateTime', 'time', 'timings', 'headersSize', 'bodySize'],
  repairs: [],
};
