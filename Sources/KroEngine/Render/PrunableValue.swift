import JSON
import YAMLSyntax

/// A value `SchemaPruner` reads: its members or items one by one, and the JSON of what
/// it keeps whole.
protocol PrunableValue {
    var json: JSONValue { get }
    var isObject: Bool { get }
    var isArray: Bool { get }
    /// The members of an object, each key once, in the order its JSON value lists them.
    func forEachMember(_ body: (String, Self) -> Void)
    /// The items of an array, in order.
    func forEachItem(_ body: (Self) -> Void)
}

extension JSONValue: PrunableValue {
    var json: JSONValue { self }
    var isObject: Bool { objectValue != nil }
    var isArray: Bool { arrayValue != nil }

    func forEachMember(_ body: (String, JSONValue) -> Void) {
        if case .object(let members) = self { for (key, value) in members { body(key, value) } }
    }

    func forEachItem(_ body: (JSONValue) -> Void) {
        if case .array(let items) = self { for item in items { body(item) } }
    }
}

/// A YAML node read as kubectl reads it (`YAMLNode.jsonValue`), `depth` levels below its
/// document's root, without making its JSON value until asked.
struct KubectlReading: PrunableValue {
    let node: YAMLNode
    let depth: Int

    init(_ node: YAMLNode, depth: Int) {
        self.node = node
        self.depth = depth
    }

    var json: JSONValue { node.jsonValue(nestedAt: depth) }
    var isNull: Bool { !isObject && !isArray && json == .null }

    // Past the nesting `jsonValue` reads, every node is null.
    private var resolved: YAMLNode? { depth < YAMLNode.jsonNestingLimit ? node.resolvedNode : nil }

    var isObject: Bool {
        if case .mapping? = resolved { return true }
        return false
    }

    var isArray: Bool {
        if case .sequence? = resolved { return true }
        return false
    }

    func forEachMember(_ body: (String, KubectlReading) -> Void) {
        guard case .mapping(let m)? = resolved else { return }
        m.forEachJSONMember { key, value in body(key, KubectlReading(value, depth: depth + 1)) }
    }

    func forEachItem(_ body: (KubectlReading) -> Void) {
        guard case .sequence(let s)? = resolved else { return }
        for item in s.items { body(KubectlReading(item, depth: depth + 1)) }
    }
}
