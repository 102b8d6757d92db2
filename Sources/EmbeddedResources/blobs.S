// Links data files into the executable, so a copied binary needs no resource folder.
// Each blob gets a start and an end symbol; resources.c maps names to them.
// `.incbin` paths resolve against the target's header search path (Package.swift adds
// this folder). The assembler does not record .incbin files as dependencies: after
// changing a blob, touch this file (scripts/update-k8s-schemas.sh does).

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

BLOB(kro_blob_kubernetes_schemas, "kubernetes-schemas.json")
BLOB(kro_blob_crd_catalog, "crd-catalog.bin")
// The diagnostics catalogue (SARIF rules): the doc itself, one source of truth.
BLOB(kro_blob_diagnostics_catalogue, "../../docs/diagnostics.md")

#if defined(__linux__) && defined(__ELF__)
        .section .note.GNU-stack,"",%progbits
#endif
