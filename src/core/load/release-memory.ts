import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * Asks V8 for a full garbage collection. Used only between the two sides of a diff of very
 * large recordings: on a machine with plenty of memory V8 lets the first side's 200 MB
 * text and parse linger while the second is read, doubling the peak for nothing.
 */
export function releaseMemory(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
