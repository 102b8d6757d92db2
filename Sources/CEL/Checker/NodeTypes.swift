/// The inferred type of each node of a checked expression, by `ExprID`.
///
/// Kept for every expression of a snapshot, so stored as an array indexed by id (the
/// parser numbers a tree's nodes 1, 2, 3…): 8 bytes a node, where a dictionary was about
/// 2.5 times that, and no hashing while checking. A tree with an id outside
/// `0..<denseLimit` (only a hand-built one has such ids) is kept in a dictionary instead.
/// One word inline, as the dictionary was.
public struct NodeTypes: Sendable, Equatable, Sequence {
    static let denseLimit: ExprID = 1 << 20

    /// `indirect`: the enum is then one word (with two plain collections it took nine bytes).
    private enum Storage: Sendable {
        case dense([CELType?])
        indirect case sparse([ExprID: CELType])
    }
    private var storage = Storage.dense([])

    public init() {}

    public init(_ types: [ExprID: CELType]) {
        for (id, type) in types { self[id] = type }
    }

    /// How many nodes have a type.
    public var count: Int {
        switch storage {
        case .dense(let types): types.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        case .sparse(let types): types.count
        }
    }

    public subscript(id: ExprID) -> CELType? {
        get {
            switch storage {
            case .dense(let types): id >= 0 && id < ExprID(types.count) ? types[Int(id)] : nil
            case .sparse(let types): types[id]
            }
        }
        set {
            switch storage {
            case .dense(var types):
                guard id >= 0 && id < Self.denseLimit else {
                    var all = Dictionary(uniqueKeysWithValues: map { ($0.id, $0.type) })
                    all[id] = newValue
                    storage = .sparse(all)
                    return
                }
                let index = Int(id)
                if index >= types.count {
                    guard newValue != nil else { return }
                    storage = .dense([])  // `types` is then the only reference: changed in place
                    types.append(contentsOf: repeatElement(nil, count: index - types.count + 1))
                } else {
                    storage = .dense([])
                }
                types[index] = newValue
                storage = .dense(types)
            case .sparse(var types):
                storage = .dense([])
                types[id] = newValue
                storage = .sparse(types)
            }
        }
    }

    /// The same nodes with `transform` applied to each type; the array exactly as long as
    /// the largest id needs.
    public func mapTypes(_ transform: (CELType) -> CELType) -> NodeTypes {
        var result = NodeTypes()
        switch storage {
        case .dense(let types):
            var end = types.count
            while end > 0 && types[end - 1] == nil { end -= 1 }
            result.storage = .dense(types[..<end].map { $0.map(transform) })
        case .sparse(let types):
            result.storage = .sparse(types.mapValues(transform))
        }
        return result
    }

    /// The typed nodes: by ascending id when stored as an array, in no set order otherwise.
    public func makeIterator() -> AnyIterator<(id: ExprID, type: CELType)> {
        switch storage {
        case .dense(let types):
            var index = 0
            return AnyIterator {
                while index < types.count {
                    defer { index += 1 }
                    if let type = types[index] { return (ExprID(index), type) }
                }
                return nil
            }
        case .sparse(let types):
            var rest = types.makeIterator()
            return AnyIterator { rest.next().map { ($0.key, $0.value) } }
        }
    }

    /// Equal when the same nodes have the same types, however they are stored.
    public static func == (a: NodeTypes, b: NodeTypes) -> Bool {
        a.count == b.count && a.allSatisfy { b[$0.id] == $0.type }
    }
}
