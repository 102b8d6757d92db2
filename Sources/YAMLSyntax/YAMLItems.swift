/// A sequence's items: an array of nodes, or, for a long list of scalars that are their
/// own source text, those scalars packed (PackedChildren.swift).
public struct YAMLItems: RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
                         ExpressibleByArrayLiteral, Hashable, Sendable {
    private var children: PackedChildren<YAMLNode>

    public init() { children = PackedChildren([]) }
    public init(_ items: [YAMLNode]) { children = PackedChildren(items) }
    public init(arrayLiteral items: YAMLNode...) { children = PackedChildren(items) }
    init(children: PackedChildren<YAMLNode>) { self.children = children }

    /// The items as an array: an array's own (no copy), packed scalars unpacked.
    public var array: [YAMLNode] { children.array }

    /// Whether the items, from some point to the end, are packed scalars (each plain or
    /// quoted, without tag or anchor).
    public var arePackedScalars: Bool { children.isPacked }

    public var startIndex: Int { 0 }
    public var endIndex: Int { children.count }

    public subscript(i: Int) -> YAMLNode {
        get { children[i] }
        set { children[i] = newValue }
    }

    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == YAMLNode {
        children.changing { $0.replaceSubrange(range, with: new) }
    }

    public mutating func reserveCapacity(_ n: Int) {
        children.changing { $0.reserveCapacity(n) }
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var base: PackedChildren<YAMLNode>.Iterator
        public mutating func next() -> YAMLNode? { base.next() }
    }

    /// Reads packed scalars one after another, not each from its mark.
    public func makeIterator() -> Iterator { Iterator(base: PackedChildren.Iterator(children)) }

    /// `Collection.map` reads each element by its index: packed scalars are read in order here.
    public func map<T, E: Error>(_ transform: (YAMLNode) throws(E) -> T) throws(E) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for child in self { result.append(try transform(child)) }
        return result
    }

    /// Calls `body` with the items in order, a block at a time with the index of the
    /// block's first, until it returns false: an array's in place, packed ones unpacked a
    /// block at a time (never all at once).
    public func forEachBlock(_ body: (UnsafeBufferPointer<YAMLNode>, _ firstIndex: Int) -> Bool) {
        children.forEachBlock(body)
    }

    /// Calls `body` with the items that are not packed scalars (all when none is), in place,
    /// from index 0; `forEachPackedValue` reads the others.
    public func forEachUnpackedBlock(_ body: (UnsafeBufferPointer<YAMLNode>, _ firstIndex: Int) -> Bool) {
        children.forEachUnpackedBlock(body)
    }

    /// Calls `body` with each packed scalar, without making its node, counted from the
    /// first item as if all were packed; false (and no call) when none is packed.
    public func forEachPackedValue(_ body: (PackedScalar) -> Void) -> Bool {
        children.forEachPackedValue(body)
    }

    /// The same items `delta` bytes further in the file.
    public func shifted(by delta: Int) -> YAMLItems {
        var moved = self
        moved.children = children.shifted(by: delta)
        return moved
    }

    public static func == (a: YAMLItems, b: YAMLItems) -> Bool { a.children == b.children }
    public func hash(into hasher: inout Hasher) { children.hash(into: &hasher) }
}
