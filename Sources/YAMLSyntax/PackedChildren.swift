/// What a collection's children are made of when they are packed scalars: a sequence's
/// item is one scalar, a mapping's entry two (its key, then its value).
protocol PackableChild: Hashable, Sendable {
    static var packedScalars: Int { get }
    /// The child made of the next `packedScalars` scalars.
    static func unpacked(_ next: () -> YAMLNode) -> Self
    /// Appends the child's scalars to `packed`; false (nothing appended) when it is not
    /// made of scalars that can be packed, or they do not fit.
    func pack(into packed: inout PackedScalars) -> Bool
    func shifted(by delta: Int) -> Self
    /// The child's first node: an item itself, an entry's key.
    var leadingNode: YAMLNode { get }
    /// Whether `pack` would take the child (when the positions fit).
    var isPackable: Bool { get }
}

extension YAMLNode: PackableChild {
    static var packedScalars: Int { 1 }
    static func unpacked(_ next: () -> YAMLNode) -> YAMLNode { next() }
    var leadingNode: YAMLNode { self }
    var isPackable: Bool {
        if case .scalar(let s) = self { s.packed != nil } else { false }
    }
    func pack(into packed: inout PackedScalars) -> Bool {
        guard case .scalar(let s) = self, let scalar = s.packed else { return false }
        return packed.append(scalar)
    }
}

extension YAMLMappingEntry: PackableChild {
    static var packedScalars: Int { 2 }
    static func unpacked(_ next: () -> YAMLNode) -> YAMLMappingEntry {
        let key = next()
        return YAMLMappingEntry(key: key, value: next())
    }
    var leadingNode: YAMLNode { key }
    var isPackable: Bool { key.isPackable && value.isPackable }
    func pack(into packed: inout PackedScalars) -> Bool {
        guard case .scalar(let k) = key, let key = k.packed, case .scalar(let v) = value, let value = v.packed else { return false }
        return packed.append(key, value)
    }
    func shifted(by delta: Int) -> YAMLMappingEntry {
        YAMLMappingEntry(key: key.shifted(by: delta), value: value.shifted(by: delta))
    }
}

/// The children of a collection (`YAMLItems`, `YAMLEntries`): an array, or, when a long
/// run of them ends the collection and is made of scalars that are their own source text,
/// the children before it (the head) and those scalars packed (PackedScalars.swift). Either
/// way a collection of children, each made as it is read; a change first makes it an array.
struct PackedChildren<Child: PackableChild>: Sendable {
    /// Packed scalars are boxed: the value stays one word, so a node stays 24 bytes. (A
    /// class, not an `indirect` case: in this generic enum, that crashed the 6.3 compiler.)
    private enum Storage: Sendable {
        case array([Child])
        case packed(Box)
    }
    private final class Box: Sendable {
        let head: [Child]
        let scalars: PackedScalars
        init(_ head: [Child], _ scalars: PackedScalars) { (self.head, self.scalars) = (head, scalars) }
    }
    private var storage: Storage

    init(_ children: [Child]) { storage = .array(children) }
    init(head: [Child] = [], packed: PackedScalars) { storage = .packed(Box(head, packed)) }

    var isPacked: Bool {
        if case .packed = storage { true } else { false }
    }

    var count: Int {
        switch storage {
        case .array(let children): children.count
        case .packed(let box): box.head.count + box.scalars.count / Child.packedScalars
        }
    }

    /// The children as an array: an array's own (no copy), packed scalars unpacked.
    var array: [Child] {
        switch storage {
        case .array(let children): return children
        case .packed:
            var result: [Child] = []
            result.reserveCapacity(count)
            var it = Iterator(self)
            while let child = it.next() { result.append(child) }
            return result
        }
    }

    subscript(i: Int) -> Child {
        get {
            switch storage {
            case .array(let children): return children[i]
            case .packed(let box):
                if i < box.head.count { return box.head[i] }
                precondition(i >= 0 && i < count, "index out of the children")
                var reader = PackedScalars.Reader(box.scalars)
                var scalar = (i - box.head.count) * Child.packedScalars
                return Child.unpacked { defer { scalar += 1 }; return reader.scalar(scalar) }
            }
        }
        set { changing { $0[i] = newValue } }
    }

    /// Changes the children as an array (packed scalars are unpacked first).
    mutating func changing<R>(_ change: (inout [Child]) -> R) -> R {
        var children = array
        storage = .array([])  // so that `children` is the array's only reference
        defer { storage = .array(children) }
        return change(&children)
    }

    /// Reads the head, then the packed scalars one after another, not each from its mark.
    struct Iterator {
        private let children: [Child]
        private var index = 0
        private var packed: PackedScalars.Iterator?

        init(_ storage: PackedChildren) {
            switch storage.storage {
            case .array(let children): self.children = children
            case .packed(let box): (children, packed) = (box.head, box.scalars.makeIterator())
            }
        }

        mutating func next() -> Child? {
            if index < children.count {
                defer { index += 1 }
                return children[index]
            }
            guard packed != nil, packed!.hasNext else { return nil }
            return Child.unpacked { packed!.next()! }
        }
    }

    /// Calls `body` with the children in order, a block of them at a time with the index of
    /// the block's first, until it returns false: an array's children (and a head) in place,
    /// packed scalars unpacked a block at a time (never all at once).
    func forEachBlock(_ body: (UnsafeBufferPointer<Child>, _ firstIndex: Int) -> Bool) {
        guard forEachUnpackedBlock(body), case .packed(let box) = storage else { return }
        var it = Iterator(self)
        for _ in box.head.indices { _ = it.next() }
        var block: [Child] = []
        block.reserveCapacity(Swift.min(count - box.head.count, 256))
        var first = box.head.count
        while first < count {
            block.removeAll(keepingCapacity: true)
            while block.count < 256, let child = it.next() { block.append(child) }
            guard block.withUnsafeBufferPointer({ body($0, first) }) else { return }
            first += block.count
        }
    }

    /// Calls `body` with the children that are not packed scalars (all of an array, the
    /// head of packed children) in place, starting at index 0; returns what `body` did.
    @discardableResult
    func forEachUnpackedBlock(_ body: (UnsafeBufferPointer<Child>, _ firstIndex: Int) -> Bool) -> Bool {
        switch storage {
        case .array(let children): children.withUnsafeBufferPointer { body($0, 0) }
        case .packed(let box): box.head.isEmpty || box.head.withUnsafeBufferPointer { body($0, 0) }
        }
    }

    /// Calls `body` with the first node (`leadingNode`) of each child at `positions` (all
    /// when nil), in the order given: of packed children only that scalar is made.
    func forEachLeadingNode(at positions: (some Sequence<Int>)?, _ body: (Int, YAMLNode) -> Void) {
        switch storage {
        case .array(let children):
            children.withUnsafeBufferPointer { buffer in
                if let positions {
                    for i in positions { body(i, buffer[i].leadingNode) }
                } else {
                    for i in buffer.indices { body(i, buffer[i].leadingNode) }
                }
            }
        case .packed(let box):
            var reader = PackedScalars.Reader(box.scalars)
            let head = box.head
            func leading(_ i: Int) -> YAMLNode {
                i < head.count ? head[i].leadingNode : reader.scalar((i - head.count) * Child.packedScalars)
            }
            if let positions {
                for i in positions { body(i, leading(i)) }
            } else {
                for i in 0..<count { body(i, leading(i)) }
            }
        }
    }

    /// Calls `body` with the index, style and value of each packed scalar, without making
    /// nodes (the index counts scalars from the collection's start, `packedScalars` a child,
    /// as if every child were packed). The children `forEachUnpackedBlock` visits are not
    /// visited; false (and no call) when none is packed.
    func forEachPackedValue(_ body: (PackedScalar) -> Void) -> Bool {
        guard case .packed(let box) = storage else { return false }
        let offset = box.head.count * Child.packedScalars
        box.scalars.forEachValue { body($0.moved(by: offset)) }
        return true
    }

    func shifted(by delta: Int) -> PackedChildren {
        switch storage {
        case .array(let children): PackedChildren(children.map { $0.shifted(by: delta) })
        case .packed(let box): PackedChildren(head: box.head.map { $0.shifted(by: delta) }, packed: box.scalars.shifted(by: delta))
        }
    }

    static func == (a: PackedChildren, b: PackedChildren) -> Bool {
        if case .array(let x) = a.storage, case .array(let y) = b.storage { return x == y }
        guard a.count == b.count else { return false }
        var (i, j) = (Iterator(a), Iterator(b))
        while let x = i.next() {
            guard x == j.next() else { return false }
        }
        return true
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        var it = Iterator(self)
        while let child = it.next() { hasher.combine(child) }
    }
}
