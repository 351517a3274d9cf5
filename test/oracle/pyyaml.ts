/**
 * PyYAML (libyaml, as vcrpy loads cassettes) as the oracle for our YAML readers: Python prints
 * what it read as JSON, bytes as {"bytes": base64}; asPython puts our reading in that shape.
 */
const PLAIN = `
import base64, gzip, json, sys, yaml
def plain(value):
    if isinstance(value, bytes): return {"bytes": base64.b64encode(value).decode()}
    if isinstance(value, dict): return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list): return [plain(v) for v in value]
    return value
`;

/** Python that loads each file named in argv (gzipped or not) and prints {path: value}. */
export const PYTHON_LOAD_FILES = `${PLAIN}
out = {}
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    out[path] = plain(yaml.load(gzip.decompress(raw) if path.endswith(".gz") else raw, Loader=yaml.CSafeLoader))
print(json.dumps(out, default=str))
`;

/** Python that loads each document of a JSON list on stdin and prints [{value} or {error: class}]. */
export const PYTHON_LOAD_DOCUMENTS = `${PLAIN}
out = []
for doc in json.load(sys.stdin):
    try: out.append({"value": plain(yaml.load(doc, Loader=yaml.CSafeLoader))})
    except yaml.YAMLError as error: out.append({"error": type(error).__name__})
print(json.dumps(out, default=lambda value: "<%s>" % type(value).__name__))
`;

export function asPython(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(asPython);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asPython(item)]));
  return value;
}
