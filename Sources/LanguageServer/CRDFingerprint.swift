import JSON

/// A generated CRD, by its hash: enough to tell whether an RGD's CRD changed without
/// keeping every open RGD's CRD (5,000 RGDs held 26 MB of them). The hash is seeded per
/// process, so a file cannot be written to collide; by chance, two CRDs collide once in
/// 2^64 comparisons, and then an instance file is re-checked on its next change instead
/// of at once. (A SHA-256 of each CRD's JSON cost 0.1 s of CPU at 5,000 RGDs.)
struct CRDFingerprint: Hashable, Sendable {
    private let hash: Int

    init(_ crd: JSONValue) { hash = crd.hashValue }
}
