#ifndef KRO_EMBEDDED_RESOURCES_H
#define KRO_EMBEDDED_RESOURCES_H

#include <stddef.h>

/// The bytes of the blob linked into the executable under `name`
/// (e.g. "kubernetes-schemas.json"), or NULL when there is no such blob.
/// The bytes live as long as the process; `*length` receives their count.
const unsigned char *kro_embedded_resource(const char *name, size_t *length);

#endif
