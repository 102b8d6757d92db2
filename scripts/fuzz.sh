#!/usr/bin/env bash
# Fuzzes one pipeline stage with libFuzzer + AddressSanitizer for SECONDS seconds.
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
# TARGET: yaml cel-parse cel-check cel-eval simpleschema engine json jsonrpc
# KRO_FUZZ_TIMEOUT: seconds one input may take before it counts as a hang (default 10; raise it
# on a loaded machine, where a starved process is slow without being stuck).
# The working corpus lives in .build-fuzz/corpus/TARGET (seeded from ../shared); inputs that
# crash, hang or break an invariant are copied to Tests/FuzzReplayTests/Corpus/TARGET so that
# `swift test` replays them from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
shared=${KRO_SHARED_DIR:-../shared}
work=.build-fuzz
mode=${KRO_FUZZ_CONFIG:-release}

KRO_FUZZ=1 swift build -c "$mode" --scratch-path "$work/build" --product kro-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -g
bin="$work/build/$mode/kro-fuzz"

corpus="$work/corpus/$target"
if [ ! -d "$corpus" ]; then
  python3 scripts/fuzz-seeds.py "$shared" "$work/seeds" >/dev/null
  mkdir -p "$corpus"
  cp -n "$work/seeds/$target/"* "$corpus/" 2>/dev/null || true
fi
kept="Tests/FuzzReplayTests/Corpus/$target"
mkdir -p "$kept" "$work/findings/$target"
dict=()
case "$target" in
  cel-*) dict=(-dict=Fuzz/dictionaries/cel.dict) ;;
  simpleschema) dict=(-dict=Fuzz/dictionaries/simpleschema.dict) ;;
  yaml|engine) dict=(-dict=Fuzz/dictionaries/rgd.dict) ;;
esac

set +e
KRO_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$bin" "$corpus" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=${KRO_FUZZ_TIMEOUT:-10} -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/findings/$target/" -print_final_stats=1 "$@" 2>&1 | tee "$work/$target.log" | grep -E "^#|Done|ERROR|invariant|stat::" | tail -15
status=${PIPESTATUS[0]}
set -e
for f in "$work/findings/$target/"*; do
  [ -e "$f" ] || continue
  cp "$f" "$kept/finding-$(basename "$f")"
  echo "kept finding: $kept/finding-$(basename "$f")"
done
exit "$status"
