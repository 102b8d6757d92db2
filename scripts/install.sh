#!/usr/bin/env bash
# Builds kro-lsp in release mode and installs the single binary into PREFIX/bin
# (default /usr/local). The Kubernetes schemas are embedded in the binary; on Linux the
# Swift runtime is linked statically, so the binary runs without a Swift toolchain.
# Usage: scripts/install.sh [PREFIX]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-/usr/local}
cd "$here"
flags=(-c release --product kro-lsp)
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib)
swift build "${flags[@]}"
bin=$(swift build "${flags[@]}" --show-bin-path)/kro-lsp
install -d "$prefix/bin"
# Stripped: the symbols and debug info are two thirds of the static binary (94 → 67 MB).
install -m 0755 -s "$bin" "$prefix/bin/kro-lsp"
echo "installed $prefix/bin/kro-lsp ($("$prefix/bin/kro-lsp" --version))"
