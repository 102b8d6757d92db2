import JSON
import Testing
import YAMLSyntax
@testable import KroEngine

/// `SchemaBuildState.maxInlinedFields` bounds the fields each block (`types`, `spec`) holds,
/// plain ones too: past it one KRO921 per block, the fields and types after it are not
/// built, and an object cut short accepts what it left out (reading those fields is not
/// "undefined field").
@Suite struct SchemaFieldLimitTests {
    static let limit = SchemaBuildState.maxInlinedFields
    static let specMessage = "spec.schema.spec has more than \(limit) fields (each use of a custom type counted as the "
        + "fields it inlines), over kro-lsp's limit; this field and the ones after it are not checked"

    static func fields(_ range: Range<Int>, indent: String = "  ") -> String {
        range.map { "\(indent)f\($0): string\n" }.joined()
    }

    @Test func plainFieldsPastTheLimitAreLeftOutWithOneFinding() throws {
        let f = SchemaFixture("spec:\n" + Self.fields(0..<Self.limit + 3))
        #expect(f.codes == ["KRO921"])
        let finding = try #require(f.diagnostics.first)
        #expect(finding.message == Self.specMessage)
        #expect(f.text(of: finding) == "f\(Self.limit)")
        #expect(f.schema["properties"]?.objectValue?.count == Self.limit)
        #expect(f.property("f\(Self.limit - 1)") == ["type": "string"])
        #expect(f.property("f\(Self.limit)") == nil)
        #expect(f.schema["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(f.result.fields.count == Self.limit)

        // At the limit exactly, every field is built and nothing is reported.
        let full = SchemaFixture("spec:\n" + Self.fields(0..<Self.limit))
        #expect(full.codes == [])
        #expect(full.schema["properties"]?.objectValue?.count == Self.limit)
        #expect(full.schema["x-kubernetes-preserve-unknown-fields"] == nil)
    }

    @Test func everyObjectCutShortAcceptsWhatItLeftOut() throws {
        // The limit falls inside `inner`: it and `outer` are cut, `after` is not built.
        let f = SchemaFixture("spec:\n  before: string\n  outer:\n    inner:\n" + Self.fields(0..<Self.limit, indent: "      ")
            + "    sibling: string\n  after: integer\n")
        #expect(f.codes == ["KRO921"])
        #expect(f.diagnostics.first.map(f.text(of:)) == "f\(Self.limit - 3)")
        #expect(f.property("before") == ["type": "string"])
        #expect(f.property("outer.inner")?["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(f.property("outer")?["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(f.schema["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(f.property("outer.sibling") == nil)
        #expect(f.property("after") == nil)
    }

    @Test func anExpressionReadingAFieldLeftOutIsNotUndefined() throws {
        func document(fields: Int) -> MarkedText {
            MarkedText(RGDFixture.head(name: "demo", kind: "Demo", schema: "spec:\n" + Self.fields(0..<fields))
                + "  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n"
                + "      metadata:\n        name: ${schema.spec.f0}\n      data:\n"
                + "        late: ${schema.spec.«f\(Self.limit + 1)»}\n")
        }
        let over = diagnostics(document(fields: Self.limit + 2))
        #expect(over.map(\.message) == [Self.specMessage])
        // Within the limit, the same read of a field the schema lacks is reported.
        let within = document(fields: 10)
        let undefined = diagnostics(within)
        #expect(undefined.count == 1)
        #expect(undefined.first?.range == within.ranges[0])
        #expect(undefined.first?.message.contains("f\(Self.limit + 1)") == true)
    }

    @Test func typesPastTheLimitAreNamedButNotBuilt() throws {
        let types = (0..<Self.limit + 2).map { "  T\($0): string\n" }.joined()
        let f = SchemaFixture("types:\n" + types + "spec:\n  late: T\(Self.limit + 1)\n  first: T0\n")
        #expect(f.codes == ["KRO921"], "\(f.diagnostics)")
        let finding = try #require(f.diagnostics.first)
        #expect(finding.message == "spec.schema.types has more than \(Self.limit) types, over kro-lsp's limit; "
            + "this type and the ones after it are not checked")
        #expect(f.text(of: finding) == "T\(Self.limit)")
        #expect(f.result.customTypes.count == Self.limit)
        #expect(f.result.customTypes["T\(Self.limit)"] == nil)
        // `spec` has a budget of its own; a use of a type left out is not "unknown type".
        #expect(f.property("late") == nil)
        #expect(f.property("first") == ["type": "string"])
    }

    @Test func aTypeWhoseFieldsCrossTheLimitStopsTheTypesBuiltAfterIt() throws {
        // Types are built in name order here (none uses another): `A` fills the block,
        // `B` is left out, with the types-block text on `B`; `spec` has its own budget.
        let f = SchemaFixture("types:\n  B: {x: string}\n  A:\n" + Self.fields(0..<Self.limit, indent: "    ")
            + "spec:\n  name: string\n")
        #expect(f.codes == ["KRO921"], "\(f.diagnostics)")
        let finding = try #require(f.diagnostics.first)
        #expect(finding.message == "spec.schema.types has more than \(Self.limit) fields (each use of a custom type counted "
            + "as the fields it inlines), over kro-lsp's limit; this one and the types built after it (each after the "
            + "types it uses, then by name) are not checked")
        #expect(f.text(of: finding) == "B")
        #expect(f.result.customTypes["A"] != nil)
        #expect(f.result.customTypes["B"] == nil)
        #expect(f.result.customTypes["A"]?["properties"]?.objectValue?.count == Self.limit)
        #expect(f.property("name") == ["type": "string"])
    }

    @Test func keysAreSortedAtEveryLevelAndSortedValuesAreKept() {
        let unsorted: JSONValue = ["b": ["z": 1, "y": [["d": 1, "c": 2]]], "a": true]
        let sorted = unsorted.sortedKeys()
        #expect(sorted.objectValue.map { Array($0.keys) } == ["a", "b"])
        #expect(sorted["b"]?.objectValue.map { Array($0.keys) } == ["y", "z"])
        #expect(sorted["b"]?["y"]?.arrayValue?.first?.objectValue.map { Array($0.keys) } == ["c", "d"])
        let inOrder: JSONValue = ["a": ["b": 1, "c": [["d": 1, "e": 2]]], "É": 1, "é": 2]
        #expect(inOrder.sortedKeys().objectValue.map { Array($0.keys) } == ["a", "É", "é"])
        #expect(inOrder.sortedKeys() == inOrder)
    }
}

/// A build without field records (`--check`) makes the same schemas and findings as one
/// with them, on the shapes that read and update the records: nested objects (their
/// `required`), custom types (an alias marked required), markers, errors, the field limit.
@Suite struct SchemaFieldRecordsTests {
    static func both(_ yaml: String) -> (kept: SimpleSchemaResult, dropped: SimpleSchemaResult) {
        let root = YAMLParser.parse(SourceText(yaml)).documents.first?.root?.mapping
        let spec = root?.value(forKey: "spec"), types = root?.value(forKey: "types")
        return (SimpleSchemaBuilder.build(spec: spec, types: types),
                SimpleSchemaBuilder.build(spec: spec, types: types, keepsFields: false))
    }

    @Test(arguments: [
        "spec:\n  name: string | required=true\n  outer:\n    inner: integer | default=3\n    list: '[]Port'\n"
            + "types:\n  Port:\n    port: integer | minimum=1 maximum=65535\n  Name: string | required=true\n",
        "spec:\n  a: Name\n  b: 'string | enum=\"x,y\" bogus=1'\n  c: map[string]Missing\ntypes:\n  Name: string | required=true\n",
        "spec:\n" + SchemaFieldLimitTests.fields(0..<SchemaFieldLimitTests.limit + 2),
        "spec:\n  top: T0\ntypes:\n" + (0..<30).map { "  T\($0): {a: T\($0 + 1), b: T\($0 + 1)}\n" }.joined() + "  T30: {leaf: string}\n",
    ])
    func sameSchemasAndFindingsWithoutFields(_ yaml: String) {
        let (kept, dropped) = Self.both(yaml)
        #expect(dropped.schema == kept.schema)
        #expect(dropped.customTypes == kept.customTypes)
        #expect(dropped.diagnostics == kept.diagnostics)
        #expect(!kept.fields.isEmpty && kept.keepsFields)
        #expect(dropped.fields.isEmpty && !dropped.keepsFields)
    }

    @Test func keptFieldsKnowWhetherTheyAreRequired() throws {
        let (kept, _) = Self.both("spec:\n  a: Name\n  b: string\n  o:\n    c: string | required=true\ntypes:\n  Name: string | required=true\n")
        let required = Dictionary(uniqueKeysWithValues: kept.fields.map { ($0.path.joined(separator: "."), $0.isRequired) })
        #expect(required == ["a": true, "b": false, "o": false, "o.c": true, "Name": true])
    }
}
