#!/usr/bin/env bash
# Runs the test suite (or the suites matching FILTER) under a sanitizer, in its own build folder.
#   scripts/sanitize.sh address|thread [FILTER]
# The end-to-end tests then run the sanitized kro-lsp binary too. Deep-recursion tests need
# more stack under AddressSanitizer; the engine parses and evaluates deep input on its own
# large-stack threads.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: scripts/sanitize.sh address|thread [FILTER]}
case "$mode" in address|thread) ;; *) echo "usage: scripts/sanitize.sh address|thread [FILTER]" >&2; exit 2;; esac
filter=()
[ -n "${2:-}" ] && filter=(--filter "$2")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}
# Package.swift adds, for ThreadSanitizer, the annotations of Swift's reference counting.
export KRO_SANITIZE=$mode
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
swift build --build-tests --scratch-path ".build-$mode" --sanitize="$mode"
if [ "$mode" = thread ]; then
    # Without them, every copy-on-write value read after its lock is a reported race.
    for binary in ".build-$mode/debug/kro-lspPackageTests.xctest" ".build-$mode/debug/kro-lsp"; do
        nm "$binary" | grep ' T swift_release$' > /dev/null || { echo "sanitize.sh: $binary lacks ThreadSanitizerSupport" >&2; exit 1; }
    done
fi
swift test --skip-build --scratch-path ".build-$mode" --sanitize="$mode" "${filter[@]}"
