"""Reference oracle: the recorder's request hash, as FORMAT.md section 3 describes it,
written in Python so that json.dumps itself is the ground truth for serialisation.

Usage: python3 request_hash.py SCHEME FILE...   -> one line per file: "<hash or None>"
"""
import hashlib
import json
import re
import sys
from urllib.parse import urlparse

UUID = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
TEST_AGNOSTIC = {"/api/tags", "/v1/models", "/v1/openai/v1/models"}


def normalise_string(s, file_search):
    if file_search:
        s = re.sub(r"score:\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?", "score: __NORMALIZED__", s)
        s = re.sub(r",?\s*attributes:\s*\{[^}]*\}", "", s)
        s = re.sub(r"document_id:\s*" + UUID, "document_id: __NORMALIZED__", s)
        s = re.sub(r"<\|" + UUID + r"\|>", "<|__NORMALIZED__|>", s)
    return re.sub(r"-?\d+\.\d{4,}", lambda m: f"{float(m.group(0)):.5f}", s)


def walk(value, file_search):
    if isinstance(value, dict):
        return {k: walk(v, file_search) for k, v in value.items()}
    if isinstance(value, list):
        return [walk(v, file_search) for v in value]
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, str):
        return normalise_string(value, file_search)
    return value


def normalise(body, scheme):
    if scheme in ("E3", "E2"):
        return body
    if scheme in ("E7", "E6") and isinstance(body, dict):
        body = dict(body)
        for key in ("extra_body", "extra_query"):
            if isinstance(body.get(key), dict) and "project_id" in body[key]:
                body[key] = {k: v for k, v in body[key].items() if k != "project_id"}
    return walk(body, scheme == "E7")


def hash_input(recording, scheme):
    request = recording["request"]
    test_id = recording["test_id"] if "test_id" in recording else request.get("test_id")
    with_test_id = scheme != "E2"
    if "tool_name" in request:
        return {"provider": request.get("provider"), "tool_name": request["tool_name"], "kwargs": request.get("kwargs")}
    if "file_id" in request:
        return None
    if "payload" in request:
        out = {"url": request.get("url"), "method": request.get("method"), "payload": normalise(request["payload"], scheme)}
        if with_test_id:
            out["test_id"] = test_id
        return out
    url = request["url"]
    body = request.get("body")
    if scheme in ("E7", "E6", "E5") and "bedrock" in (urlparse(url).netloc or "") and isinstance(body, dict):
        body = {k: v for k, v in body.items() if k != "stream_options"}
    endpoint = urlparse(url).path
    out = {"method": request["method"].upper(), "endpoint": endpoint, "body": normalise(body, scheme)}
    if with_test_id and endpoint not in TEST_AGNOSTIC:
        out["test_id"] = test_id
    return out


def main():
    scheme = sys.argv[1]
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            recording = json.load(handle)
        obj = hash_input(recording, scheme)
        print(None if obj is None else hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest())


if __name__ == "__main__":
    main()
