// Makes ThreadSanitizer see the ordering Swift's reference counts give copy-on-write values.
//
// A value copied out under a lock and read after it (a COW buffer shared by two owners) is
// released by its reader with a release-ordered decrement; the owner that later finds the
// buffer unique (an acquire load) may then write it in place. Both happen inside the Swift
// runtime, which is not instrumented, so ThreadSanitizer saw a read on one thread and a
// write on another with nothing between them, and reported a race on every such buffer
// (a `Set` read after `withState` returned it, then inserted into under the lock).
//
// Built only with `scripts/sanitize.sh thread` (Package.swift adds this target then), this
// file defines the runtime's release and uniqueness entry points the Swift code calls: each
// tells ThreadSanitizer what the runtime does (`__tsan_release` before a release,
// `__tsan_acquire` after a check that found the object unique) and calls the runtime's own.
// It adds no ordering the runtime does not give; a race on a buffer both sides still hold
// is reported as before.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "ThreadSanitizerSupport.h"

void __tsan_acquire(void *address);
void __tsan_release(void *address);

// The runtime's definition of `name`: the next one after this executable's.
static void *runtime(void **cache, const char *name) {
    void *function = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (function) return function;
    function = dlsym(RTLD_NEXT, name);
    if (!function) abort();
    __atomic_store_n(cache, function, __ATOMIC_RELEASE);
    return function;
}

// A native object, or nil for a null or tagged value (the runtime ignores those too).
static void *native(void *object) { return (intptr_t)object > 0 ? object : 0; }

// A bridge object's heap object (x86-64 and arm64 keep flags in the top nibble and the
// low three bits), or nil for a tagged or immortal value (its top bit is set: a small
// string's characters, a literal's address).
static void *bridged(void *object) {
    if (!native(object)) return 0;
    return (void *)((uintptr_t)object & 0x0FFFFFFFFFFFFFF8ull);
}

typedef void (*Release)(void *);
typedef void (*ReleaseN)(void *, uint32_t);
typedef bool (*Uniqueness)(void *);

static void *release_runtime, *release_n_runtime, *bridge_release_runtime, *bridge_release_n_runtime;
static void *unique_runtime, *unique_non_null_runtime, *unique_bridge_runtime;

void swift_release(void *object) {
    if (native(object)) __tsan_release(object);
    ((Release)runtime(&release_runtime, "swift_release"))(object);
}

void swift_release_n(void *object, uint32_t count) {
    if (native(object)) __tsan_release(object);
    ((ReleaseN)runtime(&release_n_runtime, "swift_release_n"))(object, count);
}

void swift_bridgeObjectRelease(void *object) {
    if (bridged(object)) __tsan_release(bridged(object));
    ((Release)runtime(&bridge_release_runtime, "swift_bridgeObjectRelease"))(object);
}

void swift_bridgeObjectRelease_n(void *object, uint32_t count) {
    if (bridged(object)) __tsan_release(bridged(object));
    ((ReleaseN)runtime(&bridge_release_n_runtime, "swift_bridgeObjectRelease_n"))(object, count);
}

bool swift_isUniquelyReferenced_native(void *object) {
    bool unique = ((Uniqueness)runtime(&unique_runtime, "swift_isUniquelyReferenced_native"))(object);
    if (unique) __tsan_acquire(object);
    return unique;
}

bool swift_isUniquelyReferenced_nonNull_native(void *object) {
    bool unique = ((Uniqueness)runtime(&unique_non_null_runtime, "swift_isUniquelyReferenced_nonNull_native"))(object);
    if (unique) __tsan_acquire(object);
    return unique;
}

bool swift_isUniquelyReferenced_nonNull_bridgeObject(void *object) {
    bool unique = ((Uniqueness)runtime(&unique_bridge_runtime, "swift_isUniquelyReferenced_nonNull_bridgeObject"))(object);
    if (unique && bridged(object)) __tsan_acquire(bridged(object));
    return unique;
}

#endif
#endif
