#include "EmbeddedResources.h"
#include <string.h>

// The data files linked into the executable. With `#embed` (clang 19 and later) the
// compiler lists each file in the object's dependency file, so editing a blob rebuilds
// it like a header. Older compilers take them from blobs.S (`.incbin`), which is not
// tracked: there, touch this folder's blobs.S after changing a blob.
#if defined(__has_embed)
#pragma clang diagnostic ignored "-Wc23-extensions"
static const unsigned char kubernetes_schemas[] = {
#embed "kubernetes-schemas.json"
};
static const unsigned char crd_catalog[] = {
#embed "crd-catalog.bin"
};
// The diagnostics catalogue (SARIF rules): the doc itself, one source of truth.
static const unsigned char diagnostics_catalogue[] = {
#embed "../../docs/diagnostics.md"
};
// The IANA time zone database as TZif blocks (scripts/tzdata-blob.py), for CEL's zone names.
static const unsigned char tzdata[] = {
#embed "tzdata.bin"
};
#define BLOB(name, array) {name, array, array + sizeof array}
#else
// Symbols defined in blobs.S (one start/end pair per blob).
extern const unsigned char kubernetes_schemas_start[], kubernetes_schemas_end[];
extern const unsigned char crd_catalog_start[], crd_catalog_end[];
extern const unsigned char diagnostics_catalogue_start[], diagnostics_catalogue_end[];
extern const unsigned char tzdata_start[], tzdata_end[];
#define BLOB(name, array) {name, array##_start, array##_end}
#endif

struct kro_blob {
    const char *name;
    const unsigned char *start;
    const unsigned char *end;
};

static const struct kro_blob blobs[] = {
    BLOB("kubernetes-schemas.json", kubernetes_schemas),
    BLOB("crd-catalog.bin", crd_catalog),
    BLOB("diagnostics.md", diagnostics_catalogue),
    BLOB("tzdata.bin", tzdata),
};

const unsigned char *kro_embedded_resource(const char *name, size_t *length) {
    for (size_t i = 0; i < sizeof blobs / sizeof blobs[0]; i++) {
        if (strcmp(blobs[i].name, name) == 0) {
            *length = (size_t)(blobs[i].end - blobs[i].start);
            return blobs[i].start;
        }
    }
    *length = 0;
    return NULL;
}
