#!/usr/bin/env python3
"""The language server's memory over an editing session: resident and peak memory after
opening FILE, after EDITS one-character edits (each awaited: its diagnostics are published
before the next is sent), and after a pause (the server hands its free memory back when idle).

usage: scripts/server-memory.py [--bin PATH] [--edits N] FILE

The edits type into a `name:` line a twentieth of the way into the file, so every edit moves
nearly everything after it. Figures are VmRSS and VmHWM (peak) from /proc, in MB.
"""
import json, re, subprocess, sys, time


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return f"resident {fields['VmRSS']} MB, peak {fields['VmHWM']} MB"


def main():
    args = sys.argv[1:]
    binary, edits = ".build/release/kro-lsp", 20
    if "--bin" in args:
        i = args.index("--bin"); binary = args[i + 1]; del args[i:i + 2]
    if "--edits" in args:
        i = args.index("--edits"); edits = int(args[i + 1]); del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    text = open(args[0]).read()
    proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    pending = b""

    def send(obj):
        proc.stdin.write(frame(obj))
        proc.stdin.flush()

    def wait_for_version(version):
        nonlocal pending
        pattern = re.compile(rb'"method":"textDocument/publishDiagnostics".*?"version":(\d+)', re.S)
        while True:
            for match in pattern.finditer(pending):
                if int(match.group(1)) >= version:
                    pending = pending[match.end():]
                    return
            chunk = proc.stdout.read1(1 << 20)
            if not chunk:
                sys.exit("the server stopped")
            pending += chunk

    uri = "file:///server-memory.yaml"
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "capabilities": {}, "initializationOptions": {"analysisDelayMs": 0}}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    wait_for_version(1)
    print(f"opened ({len(text.encode()) / (1 << 20):.1f} MB): {memory(proc.pid)}", flush=True)
    lines = text.split("\n")
    names = [i for i, line in enumerate(lines) if "name:" in line] or [0]
    line = names[len(names) // 20]
    column = len(lines[line].encode("utf-16-le")) // 2
    for k in range(edits):
        position = {"line": line, "character": column + k}
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": 2 + k},
                         "contentChanges": [{"range": {"start": position, "end": position}, "text": "x"}]}})
        wait_for_version(2 + k)
    print(f"after {edits} edits: {memory(proc.pid)}", flush=True)
    time.sleep(2.5)
    print(f"after a pause: {memory(proc.pid)}", flush=True)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.communicate()  # reads what is left: a server blocked on a full pipe cannot exit


if __name__ == "__main__":
    main()
