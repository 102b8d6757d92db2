#include "EmbeddedResources.h"
#include <string.h>

// Symbols defined in blobs.S (one start/end pair per blob).
extern const unsigned char kro_blob_kubernetes_schemas_start[];
extern const unsigned char kro_blob_kubernetes_schemas_end[];
extern const unsigned char kro_blob_crd_catalog_start[];
extern const unsigned char kro_blob_crd_catalog_end[];
extern const unsigned char kro_blob_diagnostics_catalogue_start[];
extern const unsigned char kro_blob_diagnostics_catalogue_end[];

struct kro_blob {
    const char *name;
    const unsigned char *start;
    const unsigned char *end;
};

static const struct kro_blob blobs[] = {
    {"kubernetes-schemas.json", kro_blob_kubernetes_schemas_start, kro_blob_kubernetes_schemas_end},
    {"crd-catalog.bin", kro_blob_crd_catalog_start, kro_blob_crd_catalog_end},
    {"diagnostics.md", kro_blob_diagnostics_catalogue_start, kro_blob_diagnostics_catalogue_end},
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
