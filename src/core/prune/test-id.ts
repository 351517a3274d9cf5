/** A pytest node id taken apart: `tests/x/test_a.py::TestC::test_m[p1-p2]`. */
export interface TestIdParts {
  file: string;
  /** Enclosing classes, outermost first. */
  classes: string[];
  name: string;
  /** What is between the brackets, or null when the test is not parametrised. */
  params: string | null;
}

export function parseTestId(testId: string): TestIdParts | null {
  const split = testId.indexOf('::');
  if (split < 0) return null;
  const file = testId.slice(0, split);
  const rest = testId.slice(split + 2);
  const bracket = rest.indexOf('[');
  const params = bracket >= 0 && rest.endsWith(']') ? rest.slice(bracket + 1, -1) : null;
  const names = (bracket >= 0 && params !== null ? rest.slice(0, bracket) : rest).split('::');
  const name = names.pop();
  if (!file || !name) return null;
  return { file, classes: names, name, params };
}
