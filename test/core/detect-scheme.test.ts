import { describe, expect, it } from 'vitest';
import { detectRecorderScheme } from '../../src/core/hash/detect-scheme.js';
import { makeTempDir, writeTree } from '../helpers.js';

/** Small recorder sources carrying each era's fingerprint (FORMAT.md section 7), at each era's path. */
const ERAS: Array<[string, string, string, string]> = [
  ['E7', 'E7', 'src/ogx/testing/api_recorder.py', 'PLACEHOLDER = "__NORMALIZED__"\nbody.pop("project_id")\n'],
  ['E6', 'E6', 'src/llama_stack/testing/api_recorder.py', 'extra_body.pop("project_id", None)\nexclude_stream_options = True\n'],
  ['E5', 'E5', 'src/llama_stack/testing/api_recorder.py', 'if "bedrock" in host:\n    exclude_stream_options = True\nround(value, 5)\n'],
  ['E4', 'E4', 'llama_stack/testing/api_recorder.py', 'return round(value, 5)\npath = f"{request_hash}.json"\n'],
  ['E3', 'E3', 'llama_stack/testing/inference_recorder.py', 'normalized["test_id"] = test_id\npath = f"{request_hash}.json"\n'],
  ['E2', 'E2', 'llama_stack/testing/inference_recorder.py', 'path = f"{request_hash[:12]}.json"\n'],
  ['E1', 'E2', 'llama_stack/testing/inference_recorder.py', 'import sqlite3\ndb = "index.sqlite"\npath = f"{request_hash[:12]}.json"\n'],
];

describe('detectRecorderScheme', () => {
  it.each(ERAS)('reads %s from its recorder source', (era, scheme, path, source) => {
    const root = writeTree(makeTempDir(), { [path]: source, 'tests/integration/inference/recordings/.keep': '' });
    expect(detectRecorderScheme([`${root}/tests/integration/inference/recordings`])).toEqual({ era, scheme, source: `${root}/${path}` });
  });

  it('finds nothing where there is no recorder, or one it cannot read as any era', () => {
    expect(detectRecorderScheme([makeTempDir()])).toBeNull();
    const root = writeTree(makeTempDir(), { 'src/ogx/testing/api_recorder.py': 'print("hello")\n' });
    expect(detectRecorderScheme([root])).toBeNull();
  });
});
