import { findTextOutsideInteractions } from '../../decode/read-yaml.js';
import { isCassettesDir } from '../../../core/sources/folders.js';
import { findInteractionLines } from '../../decode/interaction-lines.js';
import { nameBelowFolder } from '../below-folder.js';
import type { CassetteFormat } from '../container.js';
import { judgeRubyOwners } from './owners.js';
import { findRubyVcrMisses } from './misses.js';
import { readRubyVcrCassette } from './read-cassette.js';

const SUFFIX = /\.ya?ml(\.gz)?$/;

/** Ruby's vcr gem (6.x, Psych YAML): `http_interactions`, each with `recorded_at`; `recorded_with: VCR x`. */
export const rubyVcr: CassetteFormat = {
  name: 'ruby-vcr',
  title: 'Ruby VCR cassette',
  holds: 'many',
  syntax: 'yaml',
  fileName: SUFFIX,
  folders: ['cassettes'],
  recognise: (value) =>
    typeof value === 'object' && value !== null && Array.isArray((value as { http_interactions?: unknown }).http_interactions),
  fallback: false,
  read: readRubyVcrCassette,
  interactionLines: (text, count) => findInteractionLines(text, count, '- request:'),
  looksLike: (text) => /^http_interactions:/m.test(text),
  findLooseText: (text) => findTextOutsideInteractions(text, ['http_interactions', 'recorded_with']),
  // The cassette's name as the spec gave it to VCR.use_cassette (ruby_llm: the example's description, parameterized).
  testId: (absPath) => nameBelowFolder(absPath, isCassettesDir, SUFFIX)?.name ?? null,
  // VCR.configure's filter_sensitive_data replaces the value anywhere in the cassette, URIs included.
  describeSecretFix: () => "a filter_sensitive_data('<NAME>') { ENV[...] } for it in VCR.configure",
  judgeOwners: judgeRubyOwners,
  findMisses: findRubyVcrMisses,
  // VCR records a cassette that does not exist (record: :once); one that exists refuses new requests.
  rerecord: (_testId, cassette, missing) =>
    missing
      ? { command: null, steps: 'run its example: VCR records a cassette that does not exist (record: :once)' }
      : { command: ['rm', cassette], steps: 'then run its example again: VCR records a cassette that does not exist (record: :once)' },
  noise: ['recorded_at', 'recorded_with'],
  repairs: [],
};
