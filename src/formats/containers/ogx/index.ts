import type { SingleCallFormat } from '../container.js';

/** ogx (llama-stack) recordings: one JSON file per call, named by the request's hash. */
export const ogx: SingleCallFormat = {
  name: 'ogx',
  title: 'ogx recording',
  holds: 'one',
  fileName: /\.json$/,
  folders: ['recordings'],
  // A tree of recordings alone (no `recordings` folder given) is every JSON file in it.
  takeAllWhenAlone: true,
  // The recorder writes ids and timestamps into `__data__`: diff's noise fields (DEFAULT_NOISE_FIELDS) cover them.
  noise: [],
  repairs: ['rehash', 'normalize', 'redact'],
};
