const CASSETTE_ONLY = [
  'responses',
  'responses-stream',
  'messages',
  'converse',
  'converse-stream',
  'cohere-chat',
  'empty',
  'unsupported',
] as const;

/** Every kind of recording the index tells apart. The strings are part of the --json output. */
export const RECORDING_KINDS = [
  'chat-stream',
  'chat-completion',
  'completion',
  'embeddings',
  'model-list',
  'ollama-generate',
  'ollama-chat',
  'ollama-ps',
  'ollama-tags',
  'ollama-pull',
  'ollama-embeddings',
  'tool-invocation',
  'file-processing',
  'http',
  'sse-messages',
  'sse-interactions',
  'genai',
  'exception',
  ...CASSETTE_ONLY,
  'unknown',
] as const;

export type RecordingKind = (typeof RECORDING_KINDS)[number];

/** Kinds only a VCR cassette has: the raw APIs ogx records through its own types, and the cassettes cassette cannot read. */
export const CASSETTE_ONLY_KINDS: readonly RecordingKind[] = CASSETTE_ONLY;

/** Where a file sits: the 2025 `recordings/responses/<12hex>.json` tree, a per-area folder, or neither. */
export type Layout = 'legacy' | 'per-area' | 'other';

/** One row of the index: what `list` shows, and what refs resolve against. */
export interface Entry {
  /** 12 hex of the hash, `models-<hash12>-<digest>`, or the file stem when the name is no hash. */
  id: string;
  /** Path relative to the current directory, `/`-separated. */
  path: string;
  absPath: string;
  /** Which call of the file this is: 0 for an ogx recording (one call per file); containers hold several. */
  interaction: number;
  /** The hash the file name claims (12 or 64 hex), null when the name is no hash. */
  nameHash: string | null;
  layout: Layout;
  bytes: number;
  testId: string | null;
  endpoint: string | null;
  model: string | null;
  kind: RecordingKind;
  streaming: boolean | null;
  chunks: number | null;
  /** `__data__.id` of the first response object, e.g. `rec-0123456789ab`. */
  responseId: string | null;
  /** One-line reason when the file cannot be used as a recording. */
  error: string | null;
  /** `ogx`: one JSON file per call; `vcr`: a cassette of a test's HTTP calls (any recorder's: see `container`). */
  format: 'ogx' | 'vcr';
  /** The container format that wrote the file: `ogx`, `vcrpy`, `ruby-vcr`, `go-vcr`, `polly-har`. */
  container: string;
  /** A remark that is no error: why a cassette is `unsupported` or `empty`. */
  note: string | null;
}

export interface ToolCall {
  id: string | null;
  name: string | null;
  /** Parsed JSON when the joined arguments are valid JSON, else the raw string. */
  arguments: unknown;
}

export interface Usage {
  prompt: number | null;
  completion: number | null;
  total: number | null;
}

export interface RecordedError {
  type: string | null;
  status: number | null;
  message: string | null;
}

/** One choice (or candidate) of an answer. */
export interface Choice {
  index: number;
  text: string | null;
  reasoning: string | null;
  toolCalls: ToolCall[];
  finishReason: string | null;
}

/** What the model produced, rebuilt from whatever shape the response was recorded in. */
export interface Answer extends Choice {
  usage: Usage | null;
  error: RecordedError | null;
  /** Choices other than 0: choice 0 is the answer, the rest are kept. */
  otherChoices: Choice[];
  /** Facts about payloads that are not text: vector counts, model ids, status. */
  facts: Record<string, string | number | boolean | string[]>;
}
