/// A sequence's items: an array of nodes, or, for a long list of scalars that are their
/// own source text, those scalars packed (PackedScalars.swift). Either way a collection of
/// nodes; a change to a packed list first makes it an array.
public struct YAMLItems: RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
                         ExpressibleByArrayLiteral, Hashable, Sendable {
    /// Packed scalars are boxed: an items value stays one word, so a node stays 24 bytes.
    private enum Storage: Sendable {
        case nodes([YAMLNode])
        indirect case packed(PackedScalars)
    }
    private var storage: Storage

    public init() { storage = .nodes([]) }
    public init(_ nodes: [YAMLNode]) { storage = .nodes(nodes) }
    public init(arrayLiteral nodes: YAMLNode...) { storage = .nodes(nodes) }
    init(packed: PackedScalars) { storage = .packed(packed) }

    /// The items as an array: an array's own (no copy), packed scalars unpacked.
    public var array: [YAMLNode] {
        switch storage {
        case .nodes(let nodes): nodes
        case .packed(let packed): Array(IteratorSequence(packed.makeIterator()))
        }
    }

    /// Whether the items are packed scalars (each plain or quoted, without tag or anchor).
    public var arePackedScalars: Bool {
        if case .packed = storage { true } else { false }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .nodes(let nodes): nodes.count
        case .packed(let packed): packed.count
        }
    }

    public subscript(i: Int) -> YAMLNode {
        get {
            switch storage {
            case .nodes(let nodes): nodes[i]
            case .packed(let packed): packed[i]
            }
        }
        set { changingNodes { $0[i] = newValue } }
    }

    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with nodes: C) where C.Element == YAMLNode {
        changingNodes { $0.replaceSubrange(range, with: nodes) }
    }

    public mutating func reserveCapacity(_ n: Int) {
        changingNodes { $0.reserveCapacity(n) }
    }

    /// Changes the items as an array (a packed list is unpacked first).
    private mutating func changingNodes<R>(_ change: (inout [YAMLNode]) -> R) -> R {
        var nodes = array
        storage = .nodes([])  // so that `nodes` is the array's only reference
        defer { storage = .nodes(nodes) }
        return change(&nodes)
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let nodes: [YAMLNode]
        fileprivate var index = 0
        fileprivate var packed: PackedScalars.Iterator?

        public mutating func next() -> YAMLNode? {
            if packed != nil { return packed!.next() }
            guard index < nodes.count else { return nil }
            defer { index += 1 }
            return nodes[index]
        }
    }

    /// Reads packed scalars one after another, not each from its mark.
    public func makeIterator() -> Iterator {
        switch storage {
        case .nodes(let nodes): Iterator(nodes: nodes)
        case .packed(let packed): Iterator(nodes: [], packed: packed.makeIterator())
        }
    }

    /// `Collection.map` reads each element by its index: packed scalars are read in order here.
    public func map<T, E: Error>(_ transform: (YAMLNode) throws(E) -> T) throws(E) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for node in self { result.append(try transform(node)) }
        return result
    }

    /// Calls `body` with the items in order, a block of them at a time with the index of the
    /// block's first, until it returns false: an array's nodes in place, packed scalars
    /// unpacked a block at a time (never all at once).
    public func forEachBlock(_ body: (UnsafeBufferPointer<YAMLNode>, _ firstIndex: Int) -> Bool) {
        switch storage {
        case .nodes(let nodes):
            _ = nodes.withUnsafeBufferPointer { body($0, 0) }
        case .packed(let packed):
            var it = packed.makeIterator()
            var block: [YAMLNode] = []
            block.reserveCapacity(Swift.min(packed.count, 256))
            var first = 0
            while first < packed.count {
                block.removeAll(keepingCapacity: true)
                while block.count < 256, let node = it.next() { block.append(node) }
                guard block.withUnsafeBufferPointer({ body($0, first) }) else { return }
                first += block.count
            }
        }
    }

    /// Calls `body` with the index, style and value of each packed scalar, without making
    /// their nodes; false (and no call) when the items are not packed scalars.
    public func forEachPackedValue(_ body: (Int, ScalarStyle, UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard case .packed(let packed) = storage else { return false }
        packed.forEachValue(body)
        return true
    }

    /// The same items `delta` bytes further in the file.
    public func shifted(by delta: Int) -> YAMLItems {
        switch storage {
        case .nodes(let nodes): YAMLItems(nodes.map { $0.shifted(by: delta) })
        case .packed(let packed): YAMLItems(packed: packed.shifted(by: delta))
        }
    }

    public static func == (a: YAMLItems, b: YAMLItems) -> Bool {
        if case .nodes(let x) = a.storage, case .nodes(let y) = b.storage { return x == y }
        return a.count == b.count && a.elementsEqual(b)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for node in self { hasher.combine(node) }
    }
}
