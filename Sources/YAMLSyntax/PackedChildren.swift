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
}

extension YAMLNode: PackableChild {
    static var packedScalars: Int { 1 }
    static func unpacked(_ next: () -> YAMLNode) -> YAMLNode { next() }
    var leadingNode: YAMLNode { self }
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
    func pack(into packed: inout PackedScalars) -> Bool {
        guard case .scalar(let k) = key, let key = k.packed, case .scalar(let v) = value, let value = v.packed else { return false }
        return packed.append(key, value)
    }
    func shifted(by delta: Int) -> YAMLMappingEntry {
        YAMLMappingEntry(key: key.shifted(by: delta), value: value.shifted(by: delta))
    }
}

/// The children of a collection (`YAMLItems`, `YAMLEntries`): an array, or, for a long
/// run of scalars that are their own source text, those scalars packed (PackedScalars.swift).
/// Either way a collection of children, each made as it is read; a change first makes the
/// packed children an array.
struct PackedChildren<Child: PackableChild>: Sendable {
    /// Packed scalars are boxed: the value stays one word, so a node stays 24 bytes. (A
    /// class, not an `indirect` case: in this generic enum, that crashed the 6.3 compiler.)
    private enum Storage: Sendable {
        case array([Child])
        case packed(Box)
    }
    private final class Box: Sendable {
        let scalars: PackedScalars
        init(_ scalars: PackedScalars) { self.scalars = scalars }
    }
    private var storage: Storage

    init(_ children: [Child]) { storage = .array(children) }
    init(packed: PackedScalars) { storage = .packed(Box(packed)) }

    var isPacked: Bool {
        if case .packed = storage { true } else { false }
    }

    var count: Int {
        switch storage {
        case .array(let children): children.count
        case .packed(let box): box.scalars.count / Child.packedScalars
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
                precondition(i >= 0 && i < count, "index out of the children")
                var reader = PackedScalars.Reader(box.scalars)
                var scalar = i * Child.packedScalars
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

    /// Reads packed scalars one after another, not each from its mark.
    struct Iterator {
        private let children: [Child]
        private var index = 0
        private var packed: PackedScalars.Iterator?

        init(_ storage: PackedChildren) {
            switch storage.storage {
            case .array(let children): self.children = children
            case .packed(let box): (children, packed) = ([], box.scalars.makeIterator())
            }
        }

        mutating func next() -> Child? {
            if packed != nil {
                guard packed!.hasNext else { return nil }
                return Child.unpacked { packed!.next()! }
            }
            guard index < children.count else { return nil }
            defer { index += 1 }
            return children[index]
        }
    }

    /// Calls `body` with the children in order, a block of them at a time with the index of
    /// the block's first, until it returns false: an array's children in place, packed
    /// scalars unpacked a block at a time (never all at once).
    func forEachBlock(_ body: (UnsafeBufferPointer<Child>, _ firstIndex: Int) -> Bool) {
        switch storage {
        case .array(let children):
            _ = children.withUnsafeBufferPointer { body($0, 0) }
        case .packed:
            var it = Iterator(self)
            var block: [Child] = []
            block.reserveCapacity(Swift.min(count, 256))
            var first = 0
            while first < count {
                block.removeAll(keepingCapacity: true)
                while block.count < 256, let child = it.next() { block.append(child) }
                guard block.withUnsafeBufferPointer({ body($0, first) }) else { return }
                first += block.count
            }
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
            if let positions {
                for i in positions { body(i, reader.scalar(i * Child.packedScalars)) }
            } else {
                for i in 0..<count { body(i, reader.scalar(i * Child.packedScalars)) }
            }
        }
    }

    /// Calls `body` with the index, style and value of each packed scalar, without making
    /// nodes; false (and no call) when the children are not packed.
    func forEachPackedValue(_ body: (Int, ScalarStyle, UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard case .packed(let box) = storage else { return false }
        box.scalars.forEachValue(body)
        return true
    }

    func shifted(by delta: Int) -> PackedChildren {
        switch storage {
        case .array(let children): PackedChildren(children.map { $0.shifted(by: delta) })
        case .packed(let box): PackedChildren(packed: box.scalars.shifted(by: delta))
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
