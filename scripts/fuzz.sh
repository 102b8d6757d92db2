#!/usr/bin/env bash
# Fuzzes one pipeline stage with libFuzzer + AddressSanitizer for SECONDS seconds.
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#   scripts/fuzz.sh TARGET minimise [KB] [FILES]   (the committed corpus, see below)
# TARGET: yaml cel-parse cel-check cel-eval simpleschema engine json jsonrpc render ide edits reparse
# KRO_FUZZ_TIMEOUT: seconds one input may take before it counts as a hang (default 10; raise it
# on a loaded machine, where a starved process is slow without being stuck).
# KRO_FUZZ_FRESH=1: fuzz from a new working corpus holding only the committed replay corpus
# (.build-fuzz/corpus-fresh/TARGET, made again each time): the working corpus grows with every
# run, and a 10-minute run over a large one only replays it (render's 16 MB took 754 s).
# The working corpus lives in .build-fuzz/corpus/TARGET (seeded from ../shared); inputs that
# crash, hang or break an invariant are copied to Tests/FuzzReplayTests/Corpus/TARGET so that
# `swift test` replays them from then on.
# `minimise` merges the working corpus into a coverage-preserving minimum (libFuzzer -merge,
# smaller inputs first) and replaces Tests/FuzzReplayTests/Corpus/TARGET/min-* with its
# smallest inputs up to KB kilobytes and FILES files (defaults 64, 500), which the tests replay.
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
if [ "${KRO_FUZZ_FRESH:-0}" = 1 ]; then
  corpus="$work/corpus-fresh/$target"
  rm -rf "$corpus" && mkdir -p "$corpus"
  cp "Tests/FuzzReplayTests/Corpus/$target/"* "$corpus/"
elif [ ! -d "$corpus" ]; then
  python3 scripts/fuzz-seeds.py "$shared" "$work/seeds" >/dev/null
  mkdir -p "$corpus"
  cp -n "$work/seeds/$target/"* "$corpus/" 2>/dev/null || true
  cp -n "Tests/FuzzReplayTests/Corpus/$target/"* "$corpus/" 2>/dev/null || true
fi
kept="Tests/FuzzReplayTests/Corpus/$target"
mkdir -p "$kept" "$work/findings/$target"
dict=()
case "$target" in
  cel-*) dict=(-dict=Fuzz/dictionaries/cel.dict) ;;
  simpleschema) dict=(-dict=Fuzz/dictionaries/simpleschema.dict) ;;
  yaml|engine|render|ide) dict=(-dict=Fuzz/dictionaries/rgd.dict) ;;
esac

if [ "$seconds" = minimise ]; then
  budget=$(( ${1:-64} * 1024 )) files=${2:-500}
  merged=$(mktemp -d)
  KRO_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$bin" -merge=1 -max_len=4096 \
    -timeout=${KRO_FUZZ_TIMEOUT:-10} "$merged" "$corpus" 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new" || true
  rm -f "$kept"/min-*
  total=0
  while read -r size file; do
    [ $(( total + size )) -le "$budget" ] && [ "$(ls "$kept" | grep -c '^min-')" -lt "$files" ] || break
    cp "$file" "$kept/min-$(basename "$file" | cut -c1-16)"
    total=$(( total + size ))
  done < <(find "$merged" -type f -printf '%s %p\n' | sort -n -k1,1 -k2,2)
  echo "$target: kept $(ls "$kept" | grep -c '^min-') of $(ls "$merged" | wc -l) merged inputs, $total bytes"
  rm -rf "$merged"
  exit 0
fi

set +e
KRO_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$bin" "$corpus" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=${KRO_FUZZ_TIMEOUT:-10} -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/findings/$target/" -print_final_stats=1 "$@" 2>&1 | tee "$work/$target.log" | grep -E "^#|Done|ERROR|invariant|stat::" | tail -15
status=${PIPESTATUS[0]}
set -e
for f in "$work/findings/$target/"*; do
  [ -e "$f" ] || continue
  # Findings of earlier runs are kept already (and fixed): only new ones are reported.
  [ -e "$kept/finding-$(basename "$f")" ] && continue
  cp "$f" "$kept/finding-$(basename "$f")"
  echo "kept finding: $kept/finding-$(basename "$f")"
done
exit "$status"
