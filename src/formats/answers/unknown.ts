import { emptyAnswer, type FormatAdapter } from './adapter.js';

/** Anything no other adapter recognises: listed as `unknown`, never dropped. */
export const unknown: FormatAdapter = {
  kind: 'unknown',
  detect: () => true,
  reconstruct: () => emptyAnswer(),
};
