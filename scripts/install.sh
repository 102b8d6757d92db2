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
# Stripped: the symbols and debug info are half of the static binary (50 → 24 MB).
install -m 0755 -s "$bin" "$prefix/bin/kro-lsp"
# Named time zones come from the embedded tzdata (scripts/tzdata-blob.py): evaluate one with
# the installed binary.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/rgd.yaml" <<'YAML'
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: zone-check
spec:
  schema:
    apiVersion: v1alpha1
    kind: ZoneCheck
  resources:
    - id: map
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: zone-check
        data:
          hour: ${string(timestamp("2024-07-01T12:00:00Z").getHours("America/New_York"))}
YAML
printf 'apiVersion: kro.run/v1alpha1\nkind: ZoneCheck\nmetadata:\n  name: x\n' > "$tmp/instance.yaml"
if ! "$prefix/bin/kro-lsp" render "$tmp/rgd.yaml" --instance "$tmp/instance.yaml" 2>&1 | grep -q 'hour: "8"'; then
    echo "kro-lsp: the installed binary does not know named time zones (see Sources/EmbeddedResources/tzdata.bin)" >&2
    exit 1
fi
echo "installed $prefix/bin/kro-lsp ($("$prefix/bin/kro-lsp" --version))"
