// The data files for compilers without `#embed` (see resources.c, which lists the same
// blobs). `.incbin` paths resolve against the target's header search path (Package.swift
// adds this folder). The assembler does not record .incbin files as dependencies: with
// such a compiler, touch this file after changing a blob.

#if !defined(__has_embed)

#if defined(__APPLE__)
#define SYMBOL(name) _##name
        .section __TEXT,__const
#else
#define SYMBOL(name) name
        .section .rodata
#endif

#define BLOB(name, file)                 \
        .globl SYMBOL(name##_start);     \
        .globl SYMBOL(name##_end);       \
        .balign 16;                      \
SYMBOL(name##_start):                    \
        .incbin file;                    \
SYMBOL(name##_end):                      \
        .byte 0

BLOB(kubernetes_schemas, "kubernetes-schemas.json")
BLOB(crd_catalog, "crd-catalog.bin")
BLOB(diagnostics_catalogue, "../../docs/diagnostics.md")
BLOB(tzdata, "tzdata.bin")

#endif

#if defined(__linux__) && defined(__ELF__)
        .section .note.GNU-stack,"",%progbits
#endif
