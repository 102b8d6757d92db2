// Nothing to call: the target only defines, in ThreadSanitizer builds, the Swift runtime
// entry points it annotates (see RefCountAnnotations.c).
