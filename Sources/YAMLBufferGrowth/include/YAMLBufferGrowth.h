#ifndef KRO_YAML_BUFFER_GROWTH_H
#define KRO_YAML_BUFFER_GROWTH_H

#include <yaml.h>

/// libyaml's growth of a string buffer (its `yaml_string_extend`), defined by the executable
/// so that libyaml calls this one: see YAMLBufferGrowth.c. Returns 1, or 0 when out of memory.
int yaml_string_extend(yaml_char_t **start, yaml_char_t **pointer, yaml_char_t **end);

#endif
