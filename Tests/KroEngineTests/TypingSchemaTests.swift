import JSON
import Testing
@testable import KroEngine

/// `SimpleSchemaResult.typingSchema`: the instance schema with an untyped placeholder for
/// each `spec` field whose type failed, nested ones included, the other fields unchanged.
@Suite struct TypingSchemaTests {
    /// The plain definition: each placeholder set by a copy of the path down to it.
    static func plain(_ result: SimpleSchemaResult) -> JSONValue {
        func placeholder(_ node: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
            guard let name = path.first, case .object(var object) = node,
                  case .object(var properties)? = object["properties"] else { return node }
            if path.count == 1 {
                if properties[name] == nil { properties[name] = ["x-kubernetes-preserve-unknown-fields": true] }
            } else if let child = properties[name] {
                properties[name] = placeholder(child, path.dropFirst())
            }
            object["properties"] = .object(properties)
            return .object(object)
        }
        var root = result.schema
        for field in result.fields where field.block == .spec && field.schema == nil && !field.path.isEmpty {
            root = placeholder(root, field.path[...])
        }
        return root
    }

    @Test func failedFieldsGetPlaceholdersAndTheRestIsUnchanged() throws {
        // Nested failures too: a list and a map of unknown types under `nested`.
        let lines = ["spec:", "  name: string", "  broken: nosuchtype", "  nested:", "    ok: integer | default=1",
                     "    bad: \"[]nosuch\"", "    deeper:", "      worse: map[string]nope"]
        let f = SchemaFixture(lines.joined(separator: "\n") + "\n")
        #expect(f.codes.filter { $0 == "KRO107" }.count >= 2, "\(f.codes)")
        let typing = f.result.typingSchema
        #expect(typing == Self.plain(f.result))
        #expect(typing["properties"]?["broken"] == ["x-kubernetes-preserve-unknown-fields": true])
        #expect(typing["properties"]?["nested"]?["properties"]?["deeper"]?["properties"]?["worse"]
            == ["x-kubernetes-preserve-unknown-fields": true])
        #expect(typing["properties"]?["nested"]?["properties"]?["ok"] == f.schema["properties"]?["nested"]?["properties"]?["ok"])
        #expect(typing["properties"]?["name"] == f.schema["properties"]?["name"])
    }

    /// Thousands of failed fields (each used to copy the whole schema): the same placeholders.
    @Test func thousandsOfFailedFields() throws {
        let f = SchemaFixture("spec:\n" + (0..<3_000).map { "  f\($0): \($0 % 2 == 0 ? "nosuchtype" : "string")\n" }.joined())
        let typing = f.result.typingSchema
        #expect(typing == Self.plain(f.result))
        #expect(typing["properties"]?["f2998"] == ["x-kubernetes-preserve-unknown-fields": true])
        #expect(typing["properties"]?["f2999"] == f.schema["properties"]?["f2999"])
        #expect(typing["properties"]?.objectValue?.keys.count == 3_000)
    }
}
