#!/usr/bin/env python3
"""Writes seed inputs for every fuzz target from ../shared into OUT/TARGET/ (not committed).

usage: scripts/fuzz-seeds.py SHARED_DIR OUT_DIR
"""
import hashlib, json, os, pathlib, re, sys

shared, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)

rgds = [p for p in sorted(shared.glob("corpus/**/*.y*ml")) if p.is_file()]
expressions, field_strings = set(), set()
for p in rgds:
    text = p.read_text(errors="replace")
    put("engine", text)
    put("yaml", text)
    put("ide", text)
    expressions.update(m.group(1) for m in re.finditer(r"\$\{([^{}]*)\}", text))
    field_strings.update(m.group(1) for m in re.finditer(r":\s*\"?([a-z\[\]]+[^\"\n]*\|[^\"\n]*)\"?\s*$", text, re.M))

for f in sorted(shared.glob("cel-conformance/*.json")):
    for section in json.load(open(f)).get("sections", []):
        for test in section.get("tests", []):
            if isinstance(test.get("expr"), str):
                expressions.add(test["expr"])

for e in sorted(expressions):
    for target in ("cel-parse", "cel-check", "cel-eval"):
        put(target, e)
for s in sorted(field_strings):
    put("simpleschema", s)
for p in rgds[:50]:
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                       "params": {"textDocument": {"uri": "file:///" + p.name, "text": p.read_text(errors="replace")}}})
    put("json", body)
    put("jsonrpc", "Content-Length: %d\r\n\r\n%s" % (len(body.encode()), body))
# The renderer reads RGDs and instances from one file: each RGD file with each other file of
# its folder (instances sit beside their RGD upstream), and alone (its scaffold is rendered).
for p in rgds:
    text = p.read_text(errors="replace")
    if "ResourceGraphDefinition" not in text:
        continue
    put("render", text)
    for q in sorted(p.parent.glob("*.y*ml")):
        other = q.read_text(errors="replace")
        if q != p and "ResourceGraphDefinition" not in other:
            put("render", text.rstrip("\n") + "\n---\n" + other)
print("seeds written to", out)
