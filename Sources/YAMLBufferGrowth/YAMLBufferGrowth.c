#include "YAMLBufferGrowth.h"

#include <stdlib.h>
#include <string.h>

// libyaml collects a scalar being scanned in a buffer that it doubles when full, zeroing the
// new half so the text stays NUL-terminated: a 10 MB scalar left 16 MiB of touched pages, a
// 32 MB one 64 MiB. The function is exported by libyaml and called through its PLT, so this
// definition in the executable (exported, see Package.swift) is the one it calls. Past 1 MiB
// the buffer grows by a quarter instead; the contract is libyaml's: the content and the
// write position are kept, the bytes added are zero. A large block is mapped on its own, so
// `realloc` moves its pages without copying them.
int yaml_string_extend(yaml_char_t **start, yaml_char_t **pointer, yaml_char_t **end) {
    size_t size = (size_t)(*end - *start);
    size_t used = (size_t)(*pointer - *start);
    size_t grown = size < ((size_t)1 << 20) ? size * 2 : size + size / 4;
    if (grown <= size) return 0;
    yaml_char_t *buffer = realloc(*start, grown);
    if (!buffer) return 0;
    memset(buffer + size, 0, grown - size);
    *start = buffer;
    *pointer = buffer + used;
    *end = buffer + grown;
    return 1;
}
