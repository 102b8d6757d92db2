#!/usr/bin/env python3
"""Every editor request against large RGDs in the real server: seconds and answer size each.

usage: scripts/hostile-requests.py [--bin PATH] [--only NAME[,NAME…]]

First, chained-100: 100 RGDs opened at once, each reading the kind of the one before
(every open document used to be analysed again at each change: 23 s for 200), then
open-2000, chained-2000, copies-200, copies-500 (copies of one RGD reading its own kind) and
heavy-60 (RGDs whose analyses would pass 1 GB together), with the
time of an edit and of a storm of settings changes while they are open. Then
long-line-edits-*: one didChange of many edits at both ends of a 10 MB line.

Opens each shape (built by hostile-shapes.py's generators) in `kro-lsp` over stdio, then
sends each request the server advertises at a cursor inside an expression, and prints the
seconds to its answer, the answer's size, then one didChange of 1,000 edits, one of
100,000 edits back and forth between the top and the end, and the server's peak RSS (VmHWM). Figures, not
pass/fail: a request over the issue's 2 s is a finding. This found completion after `${`
in 10,000 resources taking 6.5 s (a search per resource id), and documentSymbol over
19,000 schema fields taking 20 s.
"""
import argparse, importlib.util, json, os, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("shapes", os.path.join(here, "hostile-shapes.py"))
shapes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(shapes)


def star(n):
    """`n` resources, each reading the first and the one before it."""
    return shapes.HEADER + "  resources:\n  - id: r0\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n" + "".join(
        f"  - id: r{i}\n    template: {{apiVersion: v1, kind: ConfigMap, metadata: {{name: \"${{r0.metadata.name}}-{i}\"}}, "
        f"data: {{a: \"${{r{i - 1}.data.a}}\"}}}}\n" for i in range(1, n))


def schema_fields(n):
    """`n` schema fields with markers, two read by a resource."""
    return shapes.HEADER + "".join(f"      f{i}: string | default=\"v{i}\" description=\"field {i}\"\n" for i in range(1, n)) \
        + "  resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${schema.spec.f1}\"}, " \
        + "data: {a: \"${schema.spec.f2}\"}}\n"


def long_line(mb):
    """One string of `mb` MB with an accented letter every 1,000 bytes, and an expression at
    its end, far into its line."""
    body = ("é" + "x" * 998) * ((mb << 20) // 1000)
    return shapes.one_configmap(f'        big: "{body}${{schema.spec.name}}"\n')


# name: (text, the cursor: a substring of the text and the offset in it)
SHAPES = {
    "schema-fields-19000": (lambda: schema_fields(19_000), ("${schema.spec.f1", 14)),
    "resources-10000": (lambda: shapes.tiny_resources(10_000), ('"c0-${', 6)),
    "star-10000": (lambda: star(10_000), ('"${r0.', 4)),
    "expressions-99900": (lambda: shapes.dense_expressions(100, 999), ("k0: ${schema.spec.name", 19)),
    "resource-ring-10000": (lambda: shapes.resource_ring(10_000), ('"${r1.', 4)),
    "file-50MB": (shapes.fifty_mb, ("k0: \"${schema", 10)),
    "long-line-10MB": (lambda: long_line(10), ("${schema.spec.name", 10)),
    "flow-list-10MB": (lambda: shapes.flow_list(10), ("[a,a", 3)),
}


def requests(uri, cursor, end):
    doc = {"uri": uri}
    whole = {"start": {"line": 0, "character": 0}, "end": end}
    return [
        ("textDocument/documentSymbol", {"textDocument": doc}),
        ("textDocument/semanticTokens/full", {"textDocument": doc}),
        ("textDocument/foldingRange", {"textDocument": doc}),
        ("textDocument/inlayHint", {"textDocument": doc, "range": whole}),
        ("textDocument/codeLens", {"textDocument": doc}),
        ("textDocument/codeAction", {"textDocument": doc, "range": whole, "context": {"diagnostics": []}}),
        ("textDocument/diagnostic", {"textDocument": doc}),
        ("workspace/symbol", {"query": ""}),
        ("textDocument/completion", {"textDocument": doc, "position": cursor}),
        ("textDocument/hover", {"textDocument": doc, "position": cursor}),
        ("textDocument/definition", {"textDocument": doc, "position": cursor}),
        ("textDocument/references", {"textDocument": doc, "position": cursor, "context": {"includeDeclaration": True}}),
        ("textDocument/documentHighlight", {"textDocument": doc, "position": cursor}),
        ("textDocument/rename", {"textDocument": doc, "position": cursor, "newName": "renamed"}),
        ("textDocument/signatureHelp", {"textDocument": doc, "position": cursor}),
        ("textDocument/selectionRange", {"textDocument": doc, "positions": [cursor]}),
    ]


def launch(binary, initialization_options=None):
    """A server, initialized: the process, a send and a read-until (the message `test` accepts)."""
    proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    send = lambda o: (proc.stdin.write(shapes.frame(o)), proc.stdin.flush())
    def until(test):
        while (m := shapes.read_frame(proc.stdout)) is not None and not test(m):
            pass
        return m
    params = {"processId": None, "rootUri": None, "capabilities": {}}
    if initialization_options:
        params["initializationOptions"] = initialization_options
    send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": params})
    until(lambda m: m.get("id") == 0)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    return proc, send, until


def shut_down(proc, send):
    """Shuts the server down and waits for it to exit; its exit status."""
    send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.stdin.close()
    proc.stdout.read()
    return proc.wait()


def inserted_and_deleted(lines):
    """A `#` inserted at the start of each line, each followed by its deletion."""
    changes = []
    for line in lines:
        at = {"line": line, "character": 0}
        changes.append({"range": {"start": at, "end": at}, "text": "#"})
        changes.append({"range": {"start": at, "end": {"line": line, "character": 1}}, "text": ""})
    return changes


def change_and_wait(send, until, uri, version, changes):
    """Sends one didChange of `changes`: seconds until its diagnostics are published."""
    start = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": changes}})
    until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version)
    return time.monotonic() - start


def run(binary, text, at):
    proc, send, until = launch(binary, {"analysisDelayMs": 0})
    uri = "file:///shape.yaml"
    start = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    m = until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    print(f"  open: {time.monotonic() - start:.2f} s, {len(m['params']['diagnostics'])} diagnostics", flush=True)
    before = text[:text.index(at[0]) + at[1]]
    line = before.count("\n")
    # UTF-16 column: the shapes' characters are all in the BMP.
    cursor = {"line": line, "character": len(before) - (before.rfind("\n") + 1)}
    end = {"line": text.count("\n"), "character": 0}
    for i, (method, params) in enumerate(requests(uri, cursor, end), 1):
        start = time.monotonic()
        send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        m = until(lambda m: m.get("id") == i)
        answer = json.dumps(m.get("result", m.get("error")))
        error = " (error)" if "error" in m else ""
        print(f"  {method}: {time.monotonic() - start:.2f} s, {len(answer)} bytes{error}", flush=True)
    # One didChange of 1,000 edits spread over the file, each applied to the text the one
    # before left (a replace-all; each was a copy of the whole text: 36 s in 50 MB).
    lines = text.split("\n")
    changes = inserted_and_deleted((k * 7919) % len(lines) for k in range(500))
    seconds = change_and_wait(send, until, uri, 2, changes)
    print(f"  didChange of {len(changes)} edits: {seconds:.2f} s to its diagnostics", flush=True)
    # One of 100,000 edits back and forth, near the top then near the end: no run gathers
    # them, so they are made in chunks (a walk over every chunk per edit: 1.7 s in 11 MB).
    changes = inserted_and_deleted(1 + k % 50 if k % 2 == 0 else len(lines) - 2 - k % 50 for k in range(50_000))
    seconds = change_and_wait(send, until, uri, 3, changes)
    print(f"  didChange of {len(changes)} edits back and forth: {seconds:.2f} s to its diagnostics", flush=True)
    with open(f"/proc/{proc.pid}/status") as f:
        hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    print(f"  server peak RSS {hwm:.0f} MB, exit {shut_down(proc, send)}", flush=True)


def chain_of(n, chained=True):
    """`n` RGDs K0…, each reading the kind the one before defines when `chained`."""
    texts = []
    for d in range(n):
        reads = (f"  - id: up\n    template: {{apiVersion: kro.run/v1alpha1, kind: K{d - 1}, metadata: {{name: x}}, "
                 "spec: {name: x}}\n") if d and chained else ""
        texts.append(shapes.HEADER.replace("name: hostile", f"name: k{d}").replace("kind: Hostile", f"kind: K{d}")
                     + "  resources:\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n" + reads)
    return texts


def heavy(n):
    """`n` RGDs of 10,000 resources each (1.2 MB, about 20 MB of analysis each): together
    far under the open text's limit, over 1 GB of analyses without the memory budget."""
    text = shapes.tiny_resources(10_000)
    return [text.replace("name: hostile", f"name: k{d}").replace("kind: Hostile", f"kind: K{d}") for d in range(n)]


def peak_megabytes(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmHWM"))


def open_documents(binary, name, texts):
    """Opens the RGDs `texts` at once (a chain, unrelated ones, or copies of one):
    seconds until every one has diagnostics, then until the server falls quiet (no publish
    for 3 s), and how many analyses it published on the way (each document's rounds settle
    in turn). Then 60 one-character edits to the first document, each awaited: the seconds
    from an edit to its diagnostics, with every other document open (each analysis passed
    over every open document: 7.8 ms an edit with 2,000 open, 5.7 s to open them). Then
    every document closed, and a request."""
    import queue, threading
    proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    send = lambda o: (proc.stdin.write(shapes.frame(o)), proc.stdin.flush())
    # Frames are read on a thread: select() on the buffered pipe misses frames already in
    # its buffer (documents seemed never to get diagnostics).
    frames = queue.Queue()
    def read_all():
        while (frame := shapes.read_frame(proc.stdout)) is not None:
            frames.put(frame)
        frames.put(None)
    threading.Thread(target=read_all, daemon=True).start()
    def next_frame(timeout=None):
        try:
            return frames.get(timeout=timeout)
        except queue.Empty:
            return False
    send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {},
                                                                        "initializationOptions": {"analysisDelayMs": 0}}})
    while (m := next_frame()) is not None and m.get("id") != 0:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    start = time.monotonic()
    n = len(texts)
    for d, text in enumerate(texts):
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": f"file:///chain/k{d}.yaml", "languageId": "yaml", "version": 1, "text": text}}})
    seen, publishes, everyone, last, unanalysed = set(), 0, None, start, set()
    while (m := next_frame(3.0)):
        if m.get("method") == "textDocument/publishDiagnostics":
            uri = m["params"]["uri"]
            seen.add(uri)
            publishes += 1
            last = time.monotonic()
            if everyone is None and len(seen) == n:
                everyone = last - start
            if any(d.get("message", "").startswith("not analysed: kro-lsp holds") for d in m["params"]["diagnostics"]):
                unanalysed.add(uri)
            else:
                unanalysed.discard(uri)
    print(f"{name}: every document's diagnostics after {everyone if everyone is None else round(everyone, 2)} s, "
          f"quiet after {last - start:.2f} s, {publishes} publishes; {len(unanalysed)} left unanalysed "
          f"(the memory budget), server peak RSS {peak_megabytes(proc.pid)} MB", flush=True)
    # The edits type into and delete from the first document's `name: string` line.
    line = texts[0].split("\n").index("      name: string")
    seconds = []
    for version in range(2, 62):
        at, end = {"line": line, "character": 6}, {"line": line, "character": 6 + version % 2}
        change = {"range": {"start": at, "end": end}, "text": "" if version % 2 else "x"}
        began = time.monotonic()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file:///chain/k0.yaml", "version": version}, "contentChanges": [change]}})
        while (m := next_frame()) is not None and not (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == "file:///chain/k0.yaml"
                and m["params"].get("version") == version):
            pass
        seconds.append(time.monotonic() - began)
    seconds.sort()
    print(f"  an edit to the first document, to its diagnostics: p50 {seconds[30] * 1000:.1f} ms, "
          f"p90 {seconds[54] * 1000:.1f} ms, max {seconds[-1] * 1000:.1f} ms", flush=True)
    # A storm of settings changes, then a request (each change started a run of every open
    # document on the reader: with 2,000 open, a hover waited 10.8 s).
    began = time.monotonic()
    for k in range(100):
        send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
              "params": {"settings": {"kro": {"catalog": k % 2 == 0}}}})
    send({"jsonrpc": "2.0", "id": 997, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///chain/k0.yaml"}, "position": {"line": line, "character": 6}}})
    while (m := next_frame()) is not None and m.get("id") != 997:
        pass
    answered, last = time.monotonic() - began, time.monotonic()
    while (m := next_frame(3.0)):
        if m.get("method") == "textDocument/publishDiagnostics":
            last = time.monotonic()
    print(f"  100 settings changes, then a hover answered: {answered:.2f} s; quiet after {last - began:.2f} s", flush=True)
    # Every document closed, one by one (each close analysed every other document again:
    # 34 s for 1,000), then a request.
    began = time.monotonic()
    for d in range(n):
        send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": f"file:///chain/k{d}.yaml"}}})
    send({"jsonrpc": "2.0", "id": 998, "method": "workspace/symbol", "params": {"query": ""}})
    while (m := next_frame()) is not None and m.get("id") != 998:
        pass
    print(f"  every document closed, then a request answered: {time.monotonic() - began:.2f} s", flush=True)
    send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.stdin.close()
    proc.wait()


def long_line_edits(binary, edits, accented):
    """One didChange of `edits` inserts alternately near the start and near the end of one
    10 MB line (with an accented letter every 1,000 bytes when `accented`): seconds to its
    diagnostics. Each position far into the line was read from the line's start (200 such
    edits: 11.5 s)."""
    text = shapes.huge_scalar(10)
    if accented:
        text = text.replace("x" * 1000, "é" + "x" * 999)
    lines = text.split("\n")
    line = max(range(len(lines)), key=lambda i: len(lines[i]))
    length = len(lines[line].encode("utf-16-le")) // 2
    proc, send, until = launch(binary)
    uri = "file:///long-line.yaml"
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    changes = []
    for k in range(edits):
        column = 20 + k % 7 if k % 2 == 0 else length - 100 - k % 7
        at = {"line": line, "character": column}
        changes.append({"range": {"start": at, "end": at}, "text": "y"})
    seconds = change_and_wait(send, until, uri, 2, changes)
    print(f"long-line-edits-{edits}{'-accented' if accented else ''}: a didChange of {edits} edits at both ends of a "
          f"{len(lines[line].encode()) / (1 << 20):.0f} MB line, {seconds:.2f} s to its diagnostics", flush=True)
    shut_down(proc, send)


LONG_LINES = {f"long-line-edits-{n}{suffix}": (n, bool(suffix)) for n in (200, 100_000) for suffix in ("", "-accented")}


def main():
    opened = {"chained-100": lambda: chain_of(100), "open-2000": lambda: chain_of(2000, chained=False),
              "chained-2000": lambda: chain_of(2000), "copies-200": lambda: [shapes.copy_of_same(i) for i in range(200)],
              "copies-500": lambda: [shapes.copy_of_same(i) for i in range(500)],
              "heavy-60": lambda: heavy(60)}
    names = [*opened, *LONG_LINES, *SHAPES]
    parser = argparse.ArgumentParser(description="Requests on hostile documents against the real server.")
    parser.add_argument("--bin", default=".build/release/kro-lsp", help="the kro-lsp binary")
    parser.add_argument("--only", type=lambda v: v.split(","), metavar="NAME[,NAME…]",
                        help="these cases only: " + ", ".join(names))
    options = parser.parse_args()
    binary, only = options.bin, options.only
    if only and (unknown := [name for name in only if name not in names]):
        parser.error("no case named " + ", ".join(unknown))
    for name, texts in opened.items():
        if not only or name in only:
            open_documents(binary, name, texts())
    for name, (edits, accented) in LONG_LINES.items():
        if not only or name in only:
            long_line_edits(binary, edits, accented)
    for name, (make, at) in SHAPES.items():
        if only and name not in only:
            continue
        text = make()
        print(f"{name}: {len(text.encode()) / (1 << 20):.1f} MB", flush=True)
        run(binary, text, at)


if __name__ == "__main__":
    main()
