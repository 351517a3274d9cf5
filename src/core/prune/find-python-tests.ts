import { findFiles } from './find-files.js';

const TEST_MODULE = /^(test_.*|.*_test)\.py$/;
const CONFTEST = 'conftest.py';

/** The test modules (and, with `conftests`, the conftest.py files) below a folder; at most `limit`. */
export function findPythonTests(folder: string, options: { limit?: number; conftests?: boolean } = {}): string[] {
  const accept = (name: string) => TEST_MODULE.test(name) || (options.conftests === true && name === CONFTEST);
  return findFiles(folder, accept, { deep: true, ...(options.limit !== undefined && { limit: options.limit }) });
}
