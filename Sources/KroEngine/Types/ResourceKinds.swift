/// The schema of each resource's kind, by resource index, kept once per kind: resources of
/// one kind share one `KindSchema` through a slot. Stored inline in a dictionary, a
/// schema for each resource took 2.6 MB at 10,000 resources.
struct ResourceKinds: Sendable {
    private var schemas: [KindSchema] = []
    /// Resource index → position in `schemas`.
    private var slots: [Int: Int] = [:]
    /// Position in `schemas` of each kind met.
    private var positions: [GroupVersionKind: Int] = [:]

    /// Records `kind` as the kind of resource `index`. Every resource of one GVK in an RGD
    /// gets the same schema (what `AnalysisOptions.kind` answers for it), so the first one
    /// recorded is kept.
    mutating func set(_ kind: KindSchema, forResource index: Int) {
        if let position = positions[kind.gvk] {
            slots[index] = position
            return
        }
        positions[kind.gvk] = schemas.count
        slots[index] = schemas.count
        schemas.append(kind)
    }

    /// The schema recorded for `gvk` (nil before a resource of that kind is recorded).
    func known(_ gvk: GroupVersionKind) -> KindSchema? {
        positions[gvk].map { schemas[$0] }
    }

    subscript(index: Int) -> KindSchema? {
        slots[index].map { schemas[$0] }
    }

    /// `transform` of each resource's kind, by resource index; called once per kind.
    func mapValues<T>(_ transform: (KindSchema) throws -> T) rethrows -> [Int: T] {
        let mapped = try schemas.map(transform)
        return slots.mapValues { mapped[$0] }
    }
}
