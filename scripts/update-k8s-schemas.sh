#!/usr/bin/env bash
# Copies the Kubernetes OpenAPI bundle from ../shared/k8s-schemas into the package as
# the embedded resource (Sources/EmbeddedResources), compacted (no insignificant whitespace, keys sorted).
# Run it when the shared bundle changes; the result is committed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-"$here/../shared/k8s-schemas/kubernetes-1.34.json"}
dst="$here/Sources/EmbeddedResources/kubernetes-schemas.json"
python3 - "$src" "$dst" <<'PY'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src) as f:
    bundle = json.load(f)
with open(dst, "w") as f:
    json.dump(bundle, f, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
print(f"{dst}: Kubernetes {bundle['kubernetesVersion']}, {len(bundle['kinds'])} kinds, {len(bundle['definitions'])} definitions")
PY
touch "$here/Sources/EmbeddedResources/blobs.S"  # for compilers without #embed (.incbin is not a tracked dependency)
