/// A stack of nodes that hands out its top elements as an array of exactly their count,
/// moving them (no retain, no release): `TreeBuilder` keeps the children of the open
/// collections on it, so each collection's array is allocated once, at its final size.
final class ChildStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity = 16
    private(set) var count = 0

    init() { base = .allocate(capacity: capacity) }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// A copy of the element at `i`.
    func element(_ i: Int) -> Element {
        precondition(i >= 0 && i < count)
        return base[i]
    }

    /// The elements from position `start` on, removed from the stack.
    func popArray(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count)
        // Moved one by one into a reserved array: `Array(unsafeUninitializedCapacity:)`
        // is not specialized here and looked its metadata up on every call.
        var array: [Element] = []
        array.reserveCapacity(count - start)
        for i in start..<count { array.append((base + i).move()) }
        count = start
        return array
    }
}
