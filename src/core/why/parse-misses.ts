/** One replay miss, with what the input tells about it. */
export interface Miss {
  /** The request hash the recorder looked for (64 hex, or 12 for the 2025 recorder); null for a tool call. */
  hash: string | null;
  testId: string | null;
  model: string | null;
  method: string | null;
  url: string | null;
  /** `<provider>.<tool>` of a tool-call miss. */
  tool: string | null;
  /** The tool call's arguments, when the error message carried them. */
  toolRequest: unknown;
}

const NOT_FOUND_HASH = /Recording not found for request hash: ([0-9a-f]{12,64})/;
const NOT_FOUND_TOOL = /Recording not found for ([\w.-]+\.[\w-]+) \| Request: (\{.*\})/;
// A message pytest printed as a repr keeps its newlines as `\n`: a value ends at a backslash too.
const MODEL_LINE = /Model: ([^\s\\]+)(?: \| Request: (\w+) ([^\s\\]+))?/;
const FAILED = /^(?:FAILED|ERROR) (\S+::\S+?)(?: - (.*))?$/;
const SECTION = /^_{3,} (\S.*?) _{3,}$/;
const TESTCASE = /<testcase\b([^>]*)>([\s\S]*?)<\/testcase>/g;

/**
 * The misses in whatever a user pastes or points at: a hash, the recorder's error message,
 * a pytest log (`FAILED <node id> - RuntimeError: …` lines, `-rA` sections) or a JUnit XML
 * report. Each with its test id where the input has one; the same miss once.
 */
export function parseMisses(text: string): Miss[] {
  const trimmed = text.trim();
  if (/^[0-9a-f]{12}$|^[0-9a-f]{64}$/.test(trimmed)) return [emptyMiss({ hash: trimmed })];
  const misses = isJunit(trimmed) ? fromJunit(trimmed) : fromLog(text);
  const seen = new Set<string>();
  return misses.filter((miss) => {
    const key = JSON.stringify([miss.hash, miss.tool, miss.testId]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function emptyMiss(fields: Partial<Miss>): Miss {
  return { hash: null, testId: null, model: null, method: null, url: null, tool: null, toolRequest: null, ...fields };
}

/** A log: FAILED lines name the test; the lines after a miss may name the model and request. */
function fromLog(text: string): Miss[] {
  const lines = text.split(/\r?\n/);
  const misses: Miss[] = [];
  const sectionOf = new Map<Miss, string | null>();
  const failedIds: string[] = [];
  let section: string | null = null;
  lines.forEach((line, i) => {
    const heading = SECTION.exec(line.trim());
    if (heading) section = heading[1]!;
    const failed = FAILED.exec(line.trim());
    const testId = failed ? failed[1]! : null;
    if (testId) failedIds.push(testId);
    const hash = NOT_FOUND_HASH.exec(line);
    const tool = NOT_FOUND_TOOL.exec(line);
    if (!hash && !tool) return;
    const context = lines.slice(i, i + 3).join('\n');
    const model = MODEL_LINE.exec(context);
    const miss = emptyMiss({
      hash: hash?.[1] ?? null,
      testId: testId ?? (section && section.includes('::') ? section : null),
      model: model?.[1] ?? null,
      method: model?.[2] ?? null,
      url: model?.[3] ?? null,
      tool: tool?.[1] ?? null,
      toolRequest: tool ? parseJson(tool[2]!) : null,
    });
    misses.push(miss);
    sectionOf.set(miss, section);
  });
  // `pytest -q` summary lines carry no message: a traceback's heading (`test_x[params]`,
  // `TestClass.test_x`) names its test, and the FAILED line with that tail gives the node id.
  for (const miss of misses) {
    const heading = sectionOf.get(miss);
    if (miss.testId !== null || !heading) continue;
    miss.testId = failedIds.find((id) => id.split('::').slice(1).join('.') === heading) ?? null;
  }
  // A FAILED line and the traceback above it name the same miss: keep the one that knows the test.
  return misses.filter(
    (miss) => miss.testId !== null || !misses.some((other) => other !== miss && other.testId !== null && sameRequest(other, miss)),
  );
}

function sameRequest(a: Miss, b: Miss): boolean {
  return (a.hash !== null && a.hash === b.hash) || (a.tool !== null && a.tool === b.tool);
}

/** JUnit XML: each failing test case's message and text, its node id from classname and name. */
function fromJunit(xml: string): Miss[] {
  return readJunitCases(xml).flatMap(({ testId, text }) => fromLog(text).map((miss) => ({ ...miss, testId: miss.testId ?? testId })));
}

/** Is this a JUnit XML report rather than a log? */
export function isJunit(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith('<') && trimmed.includes('<testcase');
}

/** A JUnit report's test cases: each one's node id and its failure text (message and body), unescaped. */
export function readJunitCases(xml: string): Array<{ testId: string | null; text: string }> {
  return [...xml.matchAll(TESTCASE)].map((match) => {
    const attributes = match[1]!;
    const classname = /classname="([^"]*)"/.exec(attributes)?.[1] ?? '';
    const name = unescapeXml(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? '');
    const file = /\bfile="([^"]*)"/.exec(attributes)?.[1];
    const testId = file ? `${file}::${name}` : classname ? `${classname.replace(/\./g, '/')}.py::${name}` : null;
    // The message attribute holds the exception's first line, the body its traceback.
    const message = /\bmessage="([^"]*)"/.exec(match[2]!)?.[1];
    return { testId, text: unescapeXml(`${message ?? ''}\n${match[2]!}`) };
  });
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&#10;/g, '\n')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
