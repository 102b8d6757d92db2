/// A mapping's entries: an array, or, for a long mapping whose keys and values are
/// scalars that are their own source text, those scalars packed (PackedChildren.swift).
public struct YAMLEntries: RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
                         ExpressibleByArrayLiteral, Hashable, Sendable {
    private var children: PackedChildren<YAMLMappingEntry>

    public init() { children = PackedChildren([]) }
    public init(_ entries: [YAMLMappingEntry]) { children = PackedChildren(entries) }
    public init(arrayLiteral entries: YAMLMappingEntry...) { children = PackedChildren(entries) }
    init(children: PackedChildren<YAMLMappingEntry>) { self.children = children }

    /// The entries as an array: an array's own (no copy), packed scalars unpacked.
    public var array: [YAMLMappingEntry] { children.array }

    /// Whether the entries, from some point to the end, are packed scalars (each plain or
    /// quoted, without tag or anchor).
    public var arePackedScalars: Bool { children.isPacked }

    public var startIndex: Int { 0 }
    public var endIndex: Int { children.count }

    public subscript(i: Int) -> YAMLMappingEntry {
        get { children[i] }
        set { children[i] = newValue }
    }

    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == YAMLMappingEntry {
        children.changing { $0.replaceSubrange(range, with: new) }
    }

    public mutating func reserveCapacity(_ n: Int) {
        children.changing { $0.reserveCapacity(n) }
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var base: PackedChildren<YAMLMappingEntry>.Iterator
        public mutating func next() -> YAMLMappingEntry? { base.next() }
    }

    /// Reads packed scalars one after another, not each from its mark.
    public func makeIterator() -> Iterator { Iterator(base: PackedChildren.Iterator(children)) }

    /// `Collection.map` reads each element by its index: packed scalars are read in order here.
    public func map<T, E: Error>(_ transform: (YAMLMappingEntry) throws(E) -> T) throws(E) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for child in self { result.append(try transform(child)) }
        return result
    }

    /// Calls `body` with the entries in order, a block at a time with the index of the
    /// block's first, until it returns false: an array's in place, packed ones unpacked a
    /// block at a time (never all at once).
    public func forEachBlock(_ body: (UnsafeBufferPointer<YAMLMappingEntry>, _ firstIndex: Int) -> Bool) {
        children.forEachBlock(body)
    }

    /// Calls `body` with the key of each entry at `positions` (every entry when nil) and
    /// its position, in the order given: of packed entries only the keys are made.
    public func forEachKey(at positions: (some Sequence<Int>)? = [Int]?.none, _ body: (Int, YAMLNode) -> Void) {
        children.forEachLeadingNode(at: positions, body)
    }

    /// Calls `body` with the entries that are not packed scalars (all when none is), in place,
    /// from index 0; `forEachPackedValue` reads the others.
    public func forEachUnpackedBlock(_ body: (UnsafeBufferPointer<YAMLMappingEntry>, _ firstIndex: Int) -> Bool) {
        children.forEachUnpackedBlock(body)
    }

    /// Calls `body` with each packed scalar, its node not made (two an entry:
    /// its key at an even index, its value after it), without making nodes, counted from
    /// the first entry as if all were packed; false (and no call) when none is packed.
    public func forEachPackedValue(_ body: (PackedScalar) -> Void) -> Bool {
        children.forEachPackedValue(body)
    }

    /// The same entries `delta` bytes further in the file.
    public func shifted(by delta: Int) -> YAMLEntries {
        var moved = self
        moved.children = children.shifted(by: delta)
        return moved
    }

    public static func == (a: YAMLEntries, b: YAMLEntries) -> Bool { a.children == b.children }
    public func hash(into hasher: inout Hasher) { children.hash(into: &hasher) }
}
