/// What each identifier and call of a checked expression refers to, by `ExprID`.
///
/// Kept for every check of a snapshot, so stored as an array sorted by id, exactly sized
/// (32 bytes a reference, found by binary search): the dictionary it replaces took about
/// twice that with its free buckets (~6 MB of `--check`'s peak at 10,000 resources), and
/// hashed on every write while checking. The checker appends in any order (`Builder`); the
/// table is sorted once, the last write of an id kept.
public struct NodeReferences: Sendable, Equatable, Sequence {
    public typealias Element = (id: ExprID, reference: Reference)

    private struct Entry: Sendable, Equatable {
        var id: ExprID
        var reference: Reference
    }
    /// Ascending by id, one entry an id.
    private var entries: [Entry] = []

    public init() {}

    public init(_ references: [ExprID: Reference]) {
        var builder = Builder()
        for (id, reference) in references { builder.add(id, reference) }
        self = builder.build()
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(id: ExprID) -> Reference? {
        get {
            let i = index(of: id)
            return i < entries.count && entries[i].id == id ? entries[i].reference : nil
        }
        set {
            let i = index(of: id)
            let found = i < entries.count && entries[i].id == id
            switch (newValue, found) {
            case (let reference?, true): entries[i].reference = reference
            case (let reference?, false): entries.insert(Entry(id: id, reference: reference), at: i)
            case (nil, true): entries.remove(at: i)
            case (nil, false): break
            }
        }
    }

    /// The references, by ascending id.
    public var values: [Reference] { entries.map(\.reference) }

    public func makeIterator() -> AnyIterator<Element> {
        var rest = entries.makeIterator()
        return AnyIterator { rest.next().map { ($0.id, $0.reference) } }
    }

    /// The first entry whose id is not below `id`.
    private func index(of id: ExprID) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// References in the order the checker finds them (post-order: nearly ascending ids).
    struct Builder {
        private var entries: [Entry] = []

        mutating func add(_ id: ExprID, _ reference: Reference) {
            entries.append(Entry(id: id, reference: reference))
        }

        /// Sorted by id (of one id's writes the last is kept), in an array of exactly their count.
        func build() -> NodeReferences {
            var result = NodeReferences()
            if entries.indices.dropFirst().allSatisfy({ entries[$0 - 1].id < entries[$0].id }) {
                result.entries = entries.withUnsafeBufferPointer { Array($0) }
                return result
            }
            let order = entries.indices.sorted { (entries[$0].id, $0) < (entries[$1].id, $1) }
            var kept: [Entry] = []
            for i in order {
                if let last = kept.last, last.id == entries[i].id { kept[kept.count - 1] = entries[i] } else { kept.append(entries[i]) }
            }
            result.entries = kept.withUnsafeBufferPointer { Array($0) }
            return result
        }
    }
}
