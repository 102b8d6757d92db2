#include <sys/types.h>
#include <sys/stat.h>
#include <fts.h>
