import JSON
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// The pruner reading an instance's YAML (`KubectlReading`) keeps, drops and reports
/// exactly what it does reading the YAML's JSON value, which admission no longer makes.
@Suite struct PrunerReadingTests {
    /// Prunes the spec of `yaml` both ways and compares; returns the pruned value.
    @discardableResult
    func check(_ yaml: String, schema: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let document = try #require(YAMLParser.parse(SourceText(yaml)).documents.first, sourceLocation: sourceLocation)
        let root = try #require(document.root, sourceLocation: sourceLocation)
        let spec = try #require(root.mapping?.value(forKey: "spec"), sourceLocation: sourceLocation)
        let locator = FieldLocator(root: root, documentRange: document.range, source: nil)
        let path = APIFieldPath().child("spec")
        var fromJSON = FieldErrorReport(locator: locator)
        var fromYAML = FieldErrorReport(locator: locator)
        let expected = SchemaPruner.prune(spec.jsonValue(nestedAt: 1), schema: schema, path: path, report: &fromJSON)
        let pruned = SchemaPruner.prune(KubectlReading(spec, depth: 1), schema: schema, path: path, report: &fromYAML)
        #expect(pruned == expected, "\(yaml)", sourceLocation: sourceLocation)
        #expect(fromYAML.diagnostics == fromJSON.diagnostics, "\(yaml)", sourceLocation: sourceLocation)
        return pruned
    }

    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "a": ["type": "integer"],
            "m": ["type": "object", "additionalProperties": ["type": "object", "properties": ["x": ["type": "string"]]]],
            "l": ["type": "array", "items": ["type": "object", "properties": ["x": ["type": "string"]]]],
            "p": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
            "u": [:],
            "1": ["type": "string"],
            "true": ["type": "string"],
        ],
    ]

    @Test func mergeKeysDuplicatesAndKeysThatReadAsOtherWordsPruneAsTheirJSON() throws {
        let pruned = try check("""
            base: &b {a: 1, gone: 2, m: {k: {x: s, y: t}}}
            spec:
              <<: *b
              a: 3
              1: one
              "1": quoted
              true: yes
              [k]: v
              l: [{x: a, z: b}, *b]
              p: {any: {thing: 1}}
              u: {kept: 1}
              a: 4
              gone: again
            """, schema: Self.schema)
        #expect(pruned == [
            "a": 4, "m": ["k": ["x": "s"]], "1": "quoted", "true": true,
            "l": [["x": "a"], [:]], "p": ["any": ["thing": 1]], "u": ["kept": 1],
        ])
    }

    @Test func nestingPastThePrunersDepthIsKeptAsItsJSON() throws {
        // 300 levels: the pruner stops at 128, and JSON reads nulls from 256.
        let deep = String(repeating: "{m: ", count: 300) + "1" + String(repeating: "}", count: 300)
        let recursive: JSONValue = ["type": "object", "properties": ["m": ["x-kubernetes-preserve-unknown-fields": true]]]
        try check("spec: \(deep)\n", schema: recursive)
        try check("spec: \(deep)\n", schema: Self.schema)
    }

    @Test func randomInstancesPruneAsTheirJSON() throws {
        for seed in 0..<300 as Range<UInt64> {
            var random = SplitMix64(seed: seed)
            var text = RandomFlowYAML(random: random)
            let spec = text.value(depth: 0)
            random = text.random
            var schemas = RandomSchema(random: random)
            try check("spec: \(spec)\n", schema: schemas.schema(depth: 0))
        }
    }
}

/// Flow YAML of nested mappings and lists, with anchors, aliases, merge keys, repeated
/// keys and keys that read as numbers or booleans.
private struct RandomFlowYAML {
    var random: SplitMix64
    private var mappingAnchors: [String] = []
    private var anchors: [String] = []
    private static let keys = ["a", "b", "m", "l", "p", "u", "1", "'1'", "true", "null", "x", "y"]
    private static let scalars = ["1", "x", "null", "~", "true", "'s'", "2.5", "[]", "{}"]

    init(random: SplitMix64) { self.random = random }

    mutating func value(depth: Int) -> String {
        switch random.next(below: depth > 4 ? 2 : 6) {
        case 0, 1:
            if !anchors.isEmpty && random.next(below: 4) == 0 { return "*" + anchors[random.next(below: anchors.count)] }
            return Self.scalars[random.next(below: Self.scalars.count)]
        case 2, 3:
            let anchor = anchorName()
            var members: [String] = []
            if !mappingAnchors.isEmpty && random.next(below: 3) == 0 {
                members.append("<<: *" + mappingAnchors[random.next(below: mappingAnchors.count)])
            }
            for _ in 0..<random.next(below: 5) {
                members.append(Self.keys[random.next(below: Self.keys.count)] + ": " + value(depth: depth + 1))
            }
            if let anchor { mappingAnchors.append(anchor); anchors.append(anchor) }
            return (anchor.map { "&\($0) " } ?? "") + "{" + members.joined(separator: ", ") + "}"
        default:
            let anchor = anchorName()
            let items = (0..<random.next(below: 4)).map { _ in value(depth: depth + 1) }
            if let anchor { anchors.append(anchor) }
            return (anchor.map { "&\($0) " } ?? "") + "[" + items.joined(separator: ", ") + "]"
        }
    }

    private mutating func anchorName() -> String? {
        random.next(below: 3) == 0 ? "n\(anchors.count)" : nil
    }
}

/// Structural schemas over the same keys: properties, maps, lists, preserved and untyped.
private struct RandomSchema {
    var random: SplitMix64
    private static let keys = ["a", "b", "m", "l", "p", "1", "true", "null"]

    mutating func schema(depth: Int) -> JSONValue {
        switch random.next(below: depth > 3 ? 3 : 7) {
        case 0: return ["type": "string"]
        case 1: return [:]
        case 2: return ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        case 3: return ["type": "array", "items": schema(depth: depth + 1)]
        case 4: return ["type": "object", "additionalProperties": random.next(below: 2) == 0 ? true : schema(depth: depth + 1)]
        default:
            var properties: [String: JSONValue] = [:]
            for key in Self.keys where random.next(below: 2) == 0 { properties[key] = schema(depth: depth + 1) }
            var object: [String: JSONValue] = ["properties": .object(.init(uniqueKeysWithValues: properties.sorted { $0.key < $1.key }))]
            if random.next(below: 2) == 0 { object["type"] = "object" }
            return .object(.init(uniqueKeysWithValues: object.sorted { $0.key < $1.key }))
        }
    }
}
