#include "YAMLBufferGrowth.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

// libyaml collects a scalar being scanned in a buffer that it doubles when full, zeroing the
// new half so the text stays NUL-terminated: a 10 MB scalar left 16 MiB of touched pages, a
// 32 MB one 64 MiB. The function is exported by libyaml and called through its PLT, so this
// definition in the executable (exported, see Package.swift) is the one it calls. Past 1 MiB
// the buffer grows by a quarter instead; the contract is libyaml's: the content and the
// write position are kept, the bytes added are zero. A large block is mapped on its own, so
// `realloc` moves its pages without copying them, and the pages it adds are the kernel's
// zero pages: they are only written when not zero already (reading them maps no memory), so
// the part of the last growth the scalar never reaches stays out of the resident set.
static int is_zero(const yaml_char_t *bytes, size_t count) {
    const yaml_char_t *end = bytes + count;
    while (bytes < end && ((uintptr_t)bytes & 7)) if (*bytes++) return 0;
    for (; bytes + 8 <= end; bytes += 8) if (*(const uint64_t *)bytes) return 0;
    while (bytes < end) if (*bytes++) return 0;
    return 1;
}

int yaml_string_extend(yaml_char_t **start, yaml_char_t **pointer, yaml_char_t **end) {
    size_t size = (size_t)(*end - *start);
    size_t used = (size_t)(*pointer - *start);
    size_t grown = size < ((size_t)1 << 20) ? size * 2 : size + size / 4;
    if (grown <= size) return 0;
    yaml_char_t *buffer = realloc(*start, grown);
    if (!buffer) return 0;
    if (!is_zero(buffer + size, grown - size)) memset(buffer + size, 0, grown - size);
    *start = buffer;
    *pointer = buffer + used;
    *end = buffer + grown;
    return 1;
}
