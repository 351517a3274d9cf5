import type { ContainerRead } from './interaction.js';
import type { CassetteFix } from './secret-fix.js';

/** Folders whose names tell what lies below: `recordings` (ogx, Polly), `cassettes` (VCRs), `testdata` (Go). */
export type FolderKind = 'recordings' | 'cassettes' | 'testdata';

/** A replay miss as a recorder's own error states it, read from a test log. */
export interface CassetteMiss {
  /** The container format whose recorder raised it. */
  format: string;
  /** The cassette the recorder looked in, as the log writes it (relative, absolute, or a recording name). */
  cassette: string;
  /** The record mode the error names (vcrpy, Ruby VCR), or null. */
  recordMode: string | null;
  /** The request that missed; both null when the error is about the cassette itself (go-vcr's "requested cassette not found"). */
  method: string | null;
  uri: string | null;
  /** The test that missed, when the log says. */
  testId: string | null;
  /** The request body the error quotes (go-vcr as genai reports it, Polly), or null. */
  body: string | null;
  /** The recorder's own "similar requests" (vcrpy), with the matchers that failed on each and their messages. */
  similar: Array<{ method: string; uri: string; failed: Array<{ matcher: string; detail: string }> }>;
}

/** What a format may read of a project's test sources, bounded and never following a link out. */
export interface TestSources {
  /** Files below a folder whose names match (`deep`: in subfolders too), hidden folders, node_modules and cassette folders left out. */
  list(folder: string, name: RegExp, deep: boolean): string[];
  /** A regular file's text, of bounded size; null when there is none. */
  read(path: string): string | null;
}

/** A cassette's owner by the project's naming rule read from its test sources. */
export interface OwnerVerdict {
  absPath: string;
  /** The test that owns it, or the name it would have. */
  testId: string;
  /**
   * owned; test-file-missing (no test file makes this namespace or package); test-function-missing
   * (no test of that name); not-listed (the test exists, but the model it records is no longer in
   * the project's own list, as genai's scoreboards).
   */
  verdict: 'owned' | 'test-file-missing' | 'test-function-missing' | 'not-listed';
}

/** A folder of cassettes a format would not judge, and why: no test sources, or a naming it cannot read. */
export interface OwnerRefusal {
  code: 'no-test-files' | 'unknown-layout';
  folder: string;
  cassettes: number;
  reason: string;
}

export interface OwnerJudgement {
  /** How the format read ownership, for the report: `RSpec example names (spec/support/...)`. */
  rule: string;
  verdicts: OwnerVerdict[];
  refusals: OwnerRefusal[];
}

interface FormatBase {
  /** Stable: the `container` of an entry in `--json`. */
  name: string;
  /** What a user calls one file: `ogx recording`, `Polly.js HAR recording`. */
  title: string;
  /** Names of its files: matched against a name's last two suffixes (`.yaml.gz`, `.json`), no more. */
  fileName: RegExp;
  /**
   * Below which folders a file of that name is taken when a folder is walked: `any` for an
   * extension no other tool writes. A file given by name is always taken.
   */
  folders: readonly FolderKind[] | 'any';
  /**
   * The recorder's own fields that change on every recording (`duration`, `recorded_at`,
   * Polly's `_id`): the interaction view leaves them out, so `diff` never reports them.
   */
  noise: readonly string[];
  /** The repairs that may rewrite its files. */
  repairs: readonly ('rehash' | 'normalize' | 'redact')[];
}

/** One call per file (ogx): the loader reads it as an envelope; a request hash names it. */
export interface SingleCallFormat extends FormatBase {
  holds: 'one';
  /** JSON files are taken everywhere when a walked tree holds no file of another format's folders. */
  takeAllWhenAlone: boolean;
}

/** A cassette: a test's calls, several per file. */
export interface CassetteFormat extends FormatBase {
  holds: 'many';
  syntax: 'yaml' | 'json';
  /**
   * Does the parsed file come from this recorder? Formats that share a file name (`.yml`
   * under `cassettes/`) are told apart by content, in registry order.
   */
  recognise(value: unknown): boolean;
  /** Taken for a file of its paths that no format recognises: it says why the file has no interactions. */
  fallback: boolean;
  read(value: unknown): ContainerRead;
  /** The line each interaction starts on, for annotations; null when the layout does not say. */
  interactionLines?(text: string, count: number): number[] | null;
  /**
   * A file of its paths that could not be parsed: is it still one of its (`http_interactions:`
   * at the top)? Then the parse error is reported; else the file is passed over as not a recording.
   */
  looksLike(text: string): boolean;
  /**
   * What the file holds besides its interactions' requests and responses (comments, keys
   * beside the list, HAR's parsed cookies): a secret there is in the repository all the same.
   */
  findLooseText(text: string, value: unknown): string;
  /** The test that owns a cassette, by the recorder's naming rule; null when the path does not follow it. */
  testId(absPath: string): string | null;
  /** How its recorder keeps a secret out of the next recording: `filter_headers=["authorization"] in the test's vcr_config`. */
  describeSecretFix(fix: CassetteFix): string;
  /**
   * Which cassettes' tests are gone, read from the project's test sources by its recorder's
   * naming rule. Absent for a format whose owners the prune planner reads itself (vcrpy's
   * pytest layouts). A folder it cannot judge is refused, never guessed at.
   */
  judgeOwners?(cassettes: readonly string[], sources: TestSources): OwnerJudgement;
  /** The recorder's miss errors in a test log, each once. */
  findMisses(log: string): CassetteMiss[];
  /**
   * How to record a cassette again (or for the first time, `missing`: a new or renamed
   * test): the command when the test is known, and the steps in words.
   */
  rerecord(testId: string | null, cassette: string, missing: boolean): { command: string[] | null; steps: string | null };
}

export type ContainerFormat = SingleCallFormat | CassetteFormat;
