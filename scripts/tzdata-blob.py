#!/usr/bin/env python3
"""Packs the IANA time zone database into Sources/EmbeddedResources/tzdata.bin.

usage: scripts/tzdata-blob.py [ZONEINFO_DIR] [OUT]   (defaults: /usr/share/zoneinfo, the blob)

CEL's timestamp accessors take zone names (`getHours('Europe/Berlin')`); kro evaluates them
with Go's time.LoadLocation, which reads compiled TZif files. kro-lsp carries those files in
its binary so that it answers the same on any machine. Each zone keeps only the 64-bit (v2+)
part of its TZif file, from its second header to the footer; links share their target's.

Layout (integers little-endian):
  "KROTZ1\\n"   u8 n + n bytes: the tzdata version (e.g. 2025b)
  u32 zones, u32 blocks
  zones, sorted by name (UTF-8 bytes): u16 length, name, u32 block index
  blocks: u32 length, the TZif v2+ block
Run it again when the tzdata package changes; the tests read the blob, not the system.
"""
import os, struct, sys

SKIP_DIRS = {"posix", "right"}
SKIP_FILES = {"localtime", "posixrules"}


def v2_block(data, name):
    if data[:4] != b"TZif" or data[4:5] < b"2":
        raise SystemExit(f"{name}: not a TZif file of version 2 or later")
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(">6I", data[20:44])
    v1 = timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    block = data[44 + v1:]
    if block[:4] != b"TZif":
        raise SystemExit(f"{name}: no second header after the version 1 data")
    return block


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/zoneinfo"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "Sources", "EmbeddedResources", "tzdata.bin")
    with open(os.path.join(root, "tzdata.zi"), encoding="utf-8") as f:
        version = f.readline().split()[-1]
    zones, blocks, index = {}, [], {}
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not (directory == root and d in SKIP_DIRS))
        for file in sorted(files):
            path = os.path.join(directory, file)
            name = os.path.relpath(path, root)
            if name in SKIP_FILES:
                continue
            with open(path, "rb") as f:
                data = f.read()
            if data[:4] != b"TZif":
                continue  # zone.tab, tzdata.zi, leapseconds, …
            block = v2_block(data, name)
            if block not in index:
                index[block] = len(blocks)
                blocks.append(block)
            zones[name] = index[block]
    parts = [b"KROTZ1\n", bytes([len(version)]), version.encode(), struct.pack("<II", len(zones), len(blocks))]
    for name in sorted(zones, key=lambda n: n.encode()):
        encoded = name.encode()
        parts.append(struct.pack("<H", len(encoded)) + encoded + struct.pack("<I", zones[name]))
    for block in blocks:
        parts.append(struct.pack("<I", len(block)) + block)
    blob = b"".join(parts)
    with open(out, "wb") as f:
        f.write(blob)
    print(f"{out}: tzdata {version}, {len(zones)} zones, {len(blocks)} blocks, {len(blob)} bytes")


if __name__ == "__main__":
    main()
