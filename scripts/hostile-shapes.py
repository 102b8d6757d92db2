#!/usr/bin/env python3
"""Degenerate and hostile files against the real binary: time, memory, first findings.

usage: scripts/hostile-shapes.py [--bin PATH] [--only NAME[,NAME…]] [--lsp] [--folders]

Writes each shape to a temporary folder, runs `kro-lsp --check FILE` (wall and CPU seconds,
peak RSS from wait4, RSS ÷ file size, exit status, the first two findings), and with
--lsp also opens it in `kro-lsp` over stdio: seconds to the first publishDiagnostics, the
number of diagnostics, whether a request sent afterwards is answered, and the server's peak
RSS (VmHWM). Figures, not pass/fail: the issue's targets (2 s; 10 s for 200,000 resources;
peak memory under 1 GB and at most 4x the file) are printed next to them. Peak RSS is the
binary's own (a launcher keeps this script's memory out of it), also shown above the peak of
a small RGD (the process's fixed cost).
"""
import argparse, json, os, subprocess, sys, tempfile, time

HEADER = """apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: hostile
spec:
  schema:
    apiVersion: v1alpha1
    kind: Hostile
    spec:
      name: string
"""


def one_configmap(data_lines):
    return HEADER + "  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n" \
        "      metadata:\n        name: ${schema.spec.name}\n      data:\n" + data_lines


def tiny_resources(n):
    lines = [HEADER, "  resources:\n"]
    for i in range(n):
        lines.append(f"  - id: c{i}\n    template: {{apiVersion: v1, kind: ConfigMap, "
                     f"metadata: {{name: \"c{i}-${{schema.spec.name}}\"}}, data: {{k: v}}}}\n")
    return "".join(lines)


def wide_mapping(n):
    return one_configmap("".join(f"        k{i}: v{i}\n" for i in range(n)))


def huge_scalar(mb):
    return one_configmap("        big: \"" + "x" * (mb << 20) + "\"\n")


def escaped_scalar(mb, style):
    """One string of `mb` MB whose every other character is an escape (a source-map segment
    every one or two bytes)."""
    n = (mb << 20) // 3
    return one_configmap("        big: " + ('"' + "x\\n" * n + '"' if style == "double" else "'" + "x''" * n + "'") + "\n")


def block_scalar(mb):
    """A literal block of `mb` MB in 40-byte lines."""
    return one_configmap("        big: |\n" + ("          " + "y" * 40 + "\n") * ((mb << 20) // 51))


def unknown_fields(n):
    """One ConfigMap template with `n` fields its schema does not have: a finding each."""
    return HEADER + "  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n" \
        "      metadata:\n        name: x\n" + "".join(f"      bad{i}: 1\n" for i in range(n))


def repeated_key(mb):
    """A flow mapping of one key written over and over: a duplicate key every 6 bytes."""
    return one_configmap("        m: {" + "k: v, " * ((mb << 20) // 6) + "}\n")


def repeated_key_utf8(mb):
    """`repeated_key` with a key of two 2-byte characters: the findings' columns in UTF-16
    differ from their byte offsets all along the one line."""
    return one_configmap("        m: {" + "éé: v, " * ((mb << 20) // 9) + "}\n")


def spread_findings_utf8(n, width):
    """One flow mapping line of n unknown fields, each a `width`-character string of é: a
    finding every 2 * width bytes along a line of non-ASCII text."""
    pad = "é" * width
    return HEADER + "  resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, " + \
        ", ".join(f'bad{i}: "{pad}"' for i in range(n)) + "}\n"


def flow_list(mb):
    """A flow sequence of one-letter items: a node every 2 bytes."""
    return one_configmap("        list: [" + "a," * ((mb << 20) // 2) + "a]\n")


def resources_of_flow_lists(n, items):
    """One RGD of n resources, each a ConfigMap holding a flow sequence of `items` one-letter
    items: a node every 2 bytes, in a resources list the parser cuts into parallel groups."""
    return HEADER + "  resources:\n" + "".join(
        f"  - id: r{i}\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n"
        f"      metadata:\n        name: r{i}\n      data:\n        list: [" + "a," * items + "a]\n" for i in range(n))


def empty_collections(mb):
    """A flow sequence of empty flow mappings: a node every 3 bytes."""
    return one_configmap("        list: [" + "{}," * ((mb << 20) // 3) + "{}]\n")


def comment_lines(mb):
    """An RGD followed by nothing but one-character comment lines: a line every 2 bytes."""
    return one_configmap("        k: v\n") + "#\n" * ((mb << 20) // 2)


def fnv1a(h, text):
    for byte in text.encode():
        h = ((h ^ byte) * 16_777_619) & 0xFFFF_FFFF
    return h


def colliding_keys(doublings):
    """2^doublings distinct keys of one 32-bit FNV-1a hash (the parser's duplicate-key check
    sorts keys by it): a colliding pair of blocks from each state reached, then every
    choice of one block per pair."""
    import random
    rng, alphabet, h, pairs = random.Random(1), "abcdefghijklmnopqrstuvwxyz0123456789", 2_166_136_261, []
    for _ in range(doublings):
        seen = {}
        while True:
            block = "".join(rng.choice(alphabet) for _ in range(6))
            after = fnv1a(h, block)
            if seen.get(after, block) != block:
                pairs.append((seen[after], block))
                h = after
                break
            seen[after] = block
    keys = [""]
    for a, b in pairs:
        keys = [k + a for k in keys] + [k + b for k in keys]
    return one_configmap("".join(f"        {k}: v\n" for k in keys))


def near_field_names(n):
    """n schema fields of one long length and n expressions each reading a field one
    letter off: each did-you-mean search is near every field."""
    pad = "x" * 50
    fields = "".join(f"      f{i:05d}{pad}: string\n" for i in range(n))
    return HEADER.replace("      name: string\n", "      name: string\n" + fields) + \
        "  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n" \
        "      metadata:\n        name: x\n      data:\n" + \
        "".join(f"        k{i}: ${{schema.spec.g{i:05d}{pad}}}\n" for i in range(n))


def near_resource_ids(n):
    """n resources of long, similar ids, each reading an id one letter off."""
    ids = [f"r{i:05d}" + "q" * 50 for i in range(n)]
    return HEADER + "  resources:\n" + "".join(
        f"  - id: {x}\n    template: {{apiVersion: v1, kind: ConfigMap, metadata: {{name: \"${{z{x[1:]}.metadata.name}}\"}}}}\n"
        for x in ids)


def deep_expressions(resources, depth, per_resource):
    """Resources of a kind without a schema, each with `per_resource` expressions in one
    mapping `depth` levels down (every expression's path that long)."""
    inner = "{" + ", ".join(f"k{i}: '${{schema.spec.name}}'" for i in range(per_resource)) + "}"
    nested = "{a: " * depth + inner + "}" * depth
    return HEADER + "  resources:\n" + "".join(
        f"  - id: r{r}\n    template:\n      apiVersion: example.com/v1\n      kind: Foo\n"
        f"      metadata: {{name: x{r}}}\n      spec:\n        deep: {nested}\n" for r in range(resources))


def expression_issues(expressions, fields):
    """Expressions each reading `fields` unknown schema fields in one list: a finding per
    field, every one quoting the expression."""
    text = "string([" + ", ".join(f"schema.spec.a{i}" for i in range(fields)) + "])"
    return one_configmap("".join(f"        k{j}: '${{{text}}}'\n" for j in range(expressions)))


def suppressed_fields(n):
    """n unknown fields, each suppressed on its line: past the finding limit, the
    suppressions' findings are not looked for."""
    return HEADER + "  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n" \
        "      metadata: {name: x}\n" + "".join(f"      bad{i}: 1 # kro-lsp: ignore KRO304\n" for i in range(n))


def hub_resource(n):
    """n resources and one more reading each of them once."""
    return HEADER + "  resources:\n" + "".join(
        f"  - id: r{i}\n    template: {{apiVersion: v1, kind: ConfigMap, metadata: {{name: x{i}}}}}\n" for i in range(n)) + \
        "  - id: hub\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: hub}\n" \
        "      data:\n" + "".join(f"        k{i}: '${{r{i}.metadata.name}}'\n" for i in range(n))


def deep_flow_nesting(depth):
    return one_configmap("        k: " + "[" * depth + "]" * depth + "\n")


def many_documents(n):
    doc = HEADER.replace("name: hostile", "name: h{i}") + \
        "  resources:\n  - id: cm\n    template: {{apiVersion: v1, kind: ConfigMap, metadata: {{name: \"${{schema.spec.name}}\"}}}}\n"
    return "---\n".join(doc.format(i=i) for i in range(n))


def documents_of(n, document):
    """n YAML documents, `document(i)` each."""
    return "---\n".join(document(i) for i in range(n))


def rgds_with_findings(n, per_rgd):
    """n RGDs of `per_rgd` unknown fields each: each within the limit of an RGD, the file far
    over the limit of a file."""
    return documents_of(n, lambda i: unknown_fields(per_rgd).replace("name: hostile", f"name: h{i}")
                        .replace("kind: Hostile", f"kind: H{i}"))


def instances_with_findings(n, per_instance):
    """An RGD and n instances of its kind with `per_instance` unknown fields each."""
    fields = "".join(f"  u{k}: 1\n" for k in range(per_instance))
    return HEADER + "  resources: []\n---\n" + documents_of(
        n, lambda i: f"apiVersion: kro.run/v1alpha1\nkind: Hostile\nmetadata:\n  name: h{i}\nspec:\n  name: x\n" + fields)


def instances_with_costly_rules(n):
    """An RGD whose list field has a rule that runs to cel-go's per-call limit, and n
    instances of 1,000 items each."""
    rgd = HEADER.replace("      name: string\n",
                         "      items: '[]string | maxItems=1000 validation=\"self.all(x, self.all(y, x.size() + y.size() >= 0))\"'\n")
    items = "".join(f"  - i{k}\n" for k in range(1000))
    return rgd + "  resources: []\n---\n" + documents_of(
        n, lambda i: f"apiVersion: kro.run/v1alpha1\nkind: Hostile\nmetadata:\n  name: h{i}\nspec:\n  items:\n" + items)


def for_each_items(n):
    items = ",".join(str(i) for i in range(n))
    return HEADER + "  resources:\n  - id: cms\n    forEach:\n    - i: \"${[" + items + "]}\"\n" \
        "    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"c-${string(i)}\"}}\n"


def collections(n):
    """`n` resources with a forEach each: every one's expressions get an environment with
    its iterator over the `n` resource ids (once a copy each: 1.7 GB in the server)."""
    return HEADER.replace("      name: string\n", "      name: string\n      items: '[]string'\n") + "  resources:\n" + "".join(
        f"  - id: c{i}\n    forEach:\n    - v: ${{schema.spec.items}}\n"
        f"    template: {{apiVersion: v1, kind: ConfigMap, metadata: {{name: \"c{i}-${{v}}\"}}}}\n" for i in range(n))


def fifty_mb():
    # 50 MB: 50,000 one-kilobyte values, one expression in every hundredth.
    value = "y" * 1000
    return one_configmap("".join(
        f"        k{i}: \"{'${schema.spec.name}' if i % 100 == 0 else ''}{value}\"\n" for i in range(50_000)))


def alias_bomb():
    bomb = "        a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"        a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    return one_configmap(bomb)


def operators(n):
    return one_configmap("        k: '${" + " + ".join(["schema.spec.name"] * n) + "}'\n")


def dense_expressions(resources, per_resource):
    # One expression a line: more than the RGD-wide limit of `${` (100,000).
    lines = [HEADER, "  resources:\n"]
    for r in range(resources):
        lines.append(f"  - id: c{r}\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n"
                     f"      metadata:\n        name: c{r}\n      data:\n")
        lines.append("".join(f"        k{i}: ${{schema.spec.name}}\n" for i in range(per_resource)))
    return "".join(lines)


def long_expressions(n):
    # Expressions just under the 100,000-byte limit that stop at the nesting limit.
    chain = "+".join(["1"] * 49_000)
    return one_configmap("".join(f"        k{i}: ${{string({chain})}}\n" for i in range(n)))


def custom_types(lines):
    # `spec.schema.types` written out, used by one spec field.
    return HEADER.replace("      name: string\n", "      name: string\n      top: T0\n    types:\n" + "".join(lines)) \
        + "  resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n"


def schema_fields(n):
    # `n` plain fields in the instance schema's `spec`.
    return HEADER + "".join(f"      f{i}: string\n" for i in range(1, n)) \
        + "  resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n"


def enum_values(n):
    # One field string whose `enum` marker lists `n` values.
    return HEADER.replace("      name: string\n", "      name: string\n      e: 'string | enum=\"" + ",".join(f"v{i}" for i in range(n)) + "\"'\n") \
        + "  resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n"


def object_types(n):
    # `n` custom types of one field each, in `spec.schema.types`.
    return custom_types([f"      T{i}: {{a: string}}\n" for i in range(n)])


def type_chain(n, uses=1):
    # Each type uses the next (`uses` times: a type bomb when 2), inlined at each use.
    fields = lambda i: ", ".join(f"f{k}: T{i + 1}" for k in range(uses))
    return custom_types([f"      T{i}: {{{fields(i)}}}\n" for i in range(n)] + [f"      T{n}: {{leaf: string}}\n"])


def type_ring(n):
    return custom_types([f"      T{i}: {{next: T{(i + 1) % n}}}\n" for i in range(n)])


def resource_ring(n):
    # Each resource reads the next one's name: one cycle through them all, KRO319 on each.
    return HEADER + "  resources:\n" + "".join(
        f"  - id: r{i}\n    template: {{apiVersion: v1, kind: ConfigMap, metadata: {{name: \"${{r{(i + 1) % n}.metadata.name}}\"}}}}\n"
        for i in range(n))


def backtracking_regex():
    return HEADER + "  resources:\n  - id: cm\n    includeWhen:\n" \
        "    - \"${'" + "a" * 5000 + "!'.matches('^(a+)+$')}\"\n" \
        "    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n"


SHAPES = {
    "tiny-10000": (lambda: tiny_resources(10_000), 2, True),
    "tiny-20000": (lambda: tiny_resources(20_000), 2),
    "tiny-200000": (lambda: tiny_resources(200_000), 10),
    "wide-100000-keys": (lambda: wide_mapping(100_000), 2),
    "scalar-10MB": (lambda: huge_scalar(10), 2),
    "escapes-10MB": (lambda: escaped_scalar(10, "double"), 2),
    "quotes-10MB": (lambda: escaped_scalar(10, "single"), 2),
    "escapes-48MB": (lambda: escaped_scalar(48, "double"), 10),
    "block-10MB": (lambda: block_scalar(10), 2),
    "repeated-key-10MB": (lambda: repeated_key(10), 2),
    "repeated-key-utf8-10MB": (lambda: repeated_key_utf8(10), 2),
    "spread-findings-utf8-10MB": (lambda: spread_findings_utf8(10_000, 500), 2),
    "flow-list-10MB": (lambda: flow_list(10), 2),
    "flow-list-60MB": (lambda: flow_list(60), 10),
    "empty-maps-60MB": (lambda: empty_collections(60), 10),
    "comment-lines-60MB": (lambda: comment_lines(60), 10),
    "colliding-keys-32768": (lambda: colliding_keys(15), 2),
    "near-field-names-5000": (lambda: near_field_names(5_000), 2),
    "near-resource-ids-10000": (lambda: near_resource_ids(10_000), 2),
    "deep-expressions-90000": (lambda: deep_expressions(10, 500, 9_000), 2),
    "expression-issues-100000": (lambda: expression_issues(20, 5_000), 2),
    "suppressed-fields-100000": (lambda: suppressed_fields(100_000), 2),
    "hub-9000": (lambda: hub_resource(9_000), 2),
    "nesting-10000": (lambda: deep_flow_nesting(10_000), 2),
    "documents-5000": (lambda: many_documents(5_000), 2),
    "empty-documents-1M": (lambda: "---\n" * 1_000_000, 2),
    "unknown-fields-100000": (lambda: unknown_fields(100_000), 2),
    "unknown-fields-1M": (lambda: unknown_fields(1_000_000), 10),
    "forEach-10000-items": (lambda: for_each_items(10_000), 2, True),
    "collections-5000": (lambda: collections(5_000), 2),
    "file-50MB": (fifty_mb, 10),
    "alias-bomb": (alias_bomb, 2),
    "operators-7000": (lambda: operators(7000), 2),
    "expressions-1M": (lambda: dense_expressions(100, 9_999), 10),
    "long-expressions-300": (lambda: long_expressions(300), 10),
    "schema-fields-100000": (lambda: schema_fields(100_000), 2),
    "schema-fields-1M": (lambda: schema_fields(1_000_000), 10),
    "schema-types-100000": (lambda: object_types(100_000), 2),
    "enum-1M": (lambda: enum_values(1_000_000), 2),
    "type-chain-10000": (lambda: type_chain(10_000), 2),
    "type-bomb-40": (lambda: type_chain(40, uses=2), 2),
    "type-ring-10000": (lambda: type_ring(10_000), 2),
    "resource-ring-10000": (lambda: resource_ring(10_000), 2),
    "regex-backtracking": (backtracking_regex, 2, True),
    "rgds-findings-5000": (lambda: rgds_with_findings(5_000, 400), 10),
    "instances-findings-2000": (lambda: instances_with_findings(2_000, 1_000), 10),
    "instance-fields-3.5M": (lambda: instances_with_findings(1, 3_500_000), 10),
    "instances-rules-50": (lambda: instances_with_costly_rules(50), 2),
    "documents-repeated-keys-9000": (lambda: documents_of(9_000, lambda i: "m: {" + "k: v, " * 1_100 + "}\n"), 10),
    "documents-flow-lists-4": (lambda: documents_of(4, lambda i: "list: [" + "a," * 7_900_000 + "a]\n"), 10),
    "resources-flow-lists-8": (lambda: resources_of_flow_lists(8, 3_700_000), 10),
}


def rgd_of_kind(kind, resource_kind="ConfigMap", api_version="v1"):
    """An RGD defining `kind` whose one resource is a `resource_kind`, its status read from it."""
    return HEADER.replace("name: hostile", f"name: {kind.lower()}").replace("kind: Hostile", f"kind: {kind}") + \
        f"    status:\n      n: ${{r.metadata.name}}\n  resources:\n  - id: r\n    template:\n" \
        f"      apiVersion: {api_version}\n      kind: {resource_kind}\n      metadata:\n        name: ${{schema.spec.name}}\n"


def copy_of_same(i):
    """RGD `same{i}`, defining kind Same and creating an instance of it: copies of one RGD."""
    return rgd_of_kind("Same", "Same", "kro.run/v1alpha1").replace("name: same\n", f"name: same{i}\n")


# Folders checked in one run: files of RGDs that do not chain, a chain of RGDs each
# creating an instance of the one before, and copies of one RGD reading its own kind (each
# input built the same view of every copy and compared it with its last: 500 took 13.6 s,
# 2,000 12.2 s after views were shared).
FOLDERS = {
    "files-20000": (lambda: {f"f{i}.yaml": rgd_of_kind(f"K{i}") for i in range(20_000)}, 10),
    "chain-2000": (lambda: {f"f{i}.yaml": rgd_of_kind(f"K{i}", *(("ConfigMap", "v1") if i == 0 else (f"K{i - 1}", "kro.run/v1alpha1")))
                            for i in range(2_000)}, 10),
    "copies-2000": (lambda: {f"f{i}.yaml": copy_of_same(i) for i in range(2_000)}, 10),
}


INSTANCE = "apiVersion: kro.run/v1alpha1\nkind: Hostile\nmetadata: {name: x, namespace: default}\nspec: {name: demo}\n"


# A child forked from this script starts with the script's memory counted as its own
# (Linux keeps the pre-exec high-water mark in ru_maxrss), and the script holds the shapes'
# text: a small launcher process starts the binary instead and reports its rusage.
LAUNCHER = """import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[1], "w") as f:
    json.dump([usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)], f)
"""


def run_check(binary, path, arguments=None):
    start = time.monotonic()
    report = path + ".rusage"
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, report, binary] + (arguments or ["--check", path]),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = b""
    while True:
        chunk = proc.stdout.read(1 << 16)
        if not chunk:
            break
        if len(out) < 1 << 20:
            out += chunk
    proc.wait()
    wall = time.monotonic() - start
    with open(report) as f:
        cpu, maxrss_kb, code = json.load(f)
    os.remove(report)
    lines = out.decode(errors="replace").splitlines()
    findings = [l for l in lines if "KRO" in l] or lines[:2]
    return wall, cpu, maxrss_kb / 1024, code, findings


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frame(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def run_lsp(binary, text):
    proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    send = lambda o: (proc.stdin.write(frame(o)), proc.stdin.flush())
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None, "capabilities": {},
                     "initializationOptions": {"analysisDelayMs": 0}}})
    while (m := read_frame(proc.stdout)) is not None and m.get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    start = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///shape.yaml", "languageId": "yaml", "version": 1, "text": text}}})
    count, seconds = None, None
    while (m := read_frame(proc.stdout)) is not None:
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == "file:///shape.yaml":
            seconds, count = time.monotonic() - start, len(m["params"]["diagnostics"])
            break
        if "error" in m and m.get("id") is None:  # the frame itself was refused (e.g. too large)
            seconds, count = time.monotonic() - start, "error " + m["error"].get("message", "")[:120]
            break
    send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
          "params": {"textDocument": {"uri": "file:///shape.yaml"}}})
    answered = False
    while (m := read_frame(proc.stdout)) is not None:
        if m.get("id") == 2:
            answered = True
            break
    hwm = 0.0
    with open(f"/proc/{proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.stdin.close()
    proc.stdout.read()
    code = proc.wait()
    return seconds, count, answered, hwm, code


def main():
    parser = argparse.ArgumentParser(description="Degenerate and hostile files against the real binary.")
    parser.add_argument("--bin", default=".build/release/kro-lsp", help="the kro-lsp binary")
    parser.add_argument("--only", type=lambda v: v.split(","), metavar="NAME[,NAME…]",
                        help="these shapes only: " + ", ".join(SHAPES))
    parser.add_argument("--lsp", action="store_true", help="also open each shape in the server")
    parser.add_argument("--folders", action="store_true",
                        help="also check folders of many RGD files in one run: " + ", ".join(FOLDERS))
    parser.add_argument("--commands", action="store_true",
                        help="also run `crd`, `graph` and `instance` on each shape (they print findings their own way)")
    options = parser.parse_args()
    binary, only, lsp = options.bin, options.only, options.lsp
    if only and (unknown := [name for name in only if name not in SHAPES]):
        parser.error("no shape named " + ", ".join(unknown))
    with tempfile.TemporaryDirectory() as tmp:
        # The fixed cost of the process (runtime, libraries, embedded schemas): a small RGD's peak.
        small = os.path.join(tmp, "small.yaml")
        with open(small, "w") as f:
            f.write(one_configmap("        k: v\n"))
        baseline = run_check(binary, small)[2]
        print(f"baseline: a {os.path.getsize(small)}-byte RGD peaks at {baseline:.0f} MB", flush=True)
        for name, (make, target, *render) in SHAPES.items():
            if only and name not in only:
                continue
            text = make()
            path = os.path.join(tmp, name + ".yaml")
            with open(path, "w") as f:
                f.write(text)
            mb = len(text.encode()) / (1 << 20)
            wall, cpu, rss, code, findings = run_check(binary, path)
            print(f"{name}: {mb:.1f} MB; --check {wall:.2f} s wall, {cpu:.2f} s CPU (target {target} s), "
                  f"peak RSS {rss:.0f} MB ({rss / max(mb, 0.001):.1f}x file; above the baseline "
                  f"{(rss - baseline) / max(mb, 0.001):.1f}x), exit {code}; "
                  f"{len(findings)} findings, first: {[f[-160:] for f in findings[:2]]}", flush=True)
            if render:
                instance = os.path.join(tmp, "instance.yaml")
                with open(instance, "w") as f:
                    f.write(INSTANCE)
                wall, cpu, rss, code, findings = run_check(binary, path, ["render", path, "--instance", instance])
                print(f"  render: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB, exit {code}; "
                      f"first: {[f[-160:] for f in findings[:2]]}", flush=True)
            if options.commands:
                for command in ("crd", "graph", "instance"):
                    wall, cpu, rss, code, findings = run_check(binary, path, [command, path])
                    print(f"  {command}: {wall:.2f} s wall, {cpu:.2f} s CPU (target {target} s), peak RSS {rss:.0f} MB, "
                          f"exit {code}", flush=True)
            if lsp:
                seconds, count, answered, hwm, code = run_lsp(binary, text)
                print(f"  lsp: diagnostics after {seconds if seconds is None else round(seconds, 2)} s ({count}), "
                      f"next request answered: {answered}, server peak RSS {hwm:.0f} MB, exit {code}", flush=True)
            os.remove(path)
        for name, (make, target) in FOLDERS.items() if options.folders else []:
            folder = os.path.join(tmp, name)
            os.mkdir(folder)
            for file, text in make().items():
                with open(os.path.join(folder, file), "w") as f:
                    f.write(text)
            wall, cpu, rss, code, findings = run_check(binary, folder)
            print(f"{name}: --check {wall:.2f} s wall, {cpu:.2f} s CPU (target {target} s), peak RSS {rss:.0f} MB, "
                  f"exit {code}; first: {[f[-160:] for f in findings[:2]]}", flush=True)


if __name__ == "__main__":
    main()
