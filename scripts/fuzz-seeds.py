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
# Edits: an RGD's text, then five-byte edits (see EditFuzz), one per line down and up.
for k, p in enumerate(rgds[:30]):
    text = p.read_bytes()[:4000].replace(b"\xff", b"")
    lines = text.count(b"\n")
    down = b"".join(bytes([l % 32, 2, 0, 4, 1]) + b"x" for l in range(min(lines, 31), -1, -1))
    up = b"".join(bytes([l % 32, 0, 0, 0, 2]) + b"#\n" for l in range(0, min(lines, 31), 3))
    put("edits", bytes([k % 3]) + text + b"\xff" + (down if k % 2 else up))
# Re-parses: an RGD's text, then four-byte edits (see ReparseFuzz) inside its resources and
# around them; and a list of 300 items, so that an edit near its top moves them on threads.
for k, p in enumerate(rgds[:30]):
    text = p.read_bytes()[:6000].replace(b"\xff", b"")
    at = max(text.find(b"resources:"), 0)
    edits = b"".join(bytes([(at + d) >> 8 & 0xFF, (at + d) & 0xFF, d % 3, 1]) + b"x" for d in (40, 90, 160, 260))
    put("reparse", text + b"\xff" + edits)
items = b"spec:\n  resources:\n" + b"".join(b"  - id: r%d\n    template: {kind: ConfigMap}\n" % i for i in range(300))
put("reparse", items + b"\xff" + bytes([0, 40, 0, 2]) + b"yy" + bytes([0, 40, 2, 0]))
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
