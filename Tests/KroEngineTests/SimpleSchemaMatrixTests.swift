import JSON
@testable import KroEngine
import Testing
import YAMLSyntax

/// simpleschema.md §10: the test matrix, row by row, with the exact message and range.
@Suite struct SimpleSchemaTypeGrammarTests {
    @Test(arguments: [("number", "float"), ("int", "integer"), ("bool", "boolean"), ("double", "float"),
                      ("str", "string"), ("Integer", "integer"), ("String", "string")])
    func nonTypesAreUnknownCustomTypesWithTheSimpleSchemaName(_ name: String, _ meant: String) throws {
        let f = field(name)
        let d = try #require(f.only("KRO107"))
        #expect(d.message == "field f: unknown type: \(name) (did you mean \"\(meant)\"?)")
        #expect(f.text(of: d) == name)
        #expect(d.fixes.first?.edits.map(\.newText) == [meant])
        #expect(d.fixes.first?.edits.first?.range == d.range)
    }

    @Test func customTypeNamesAreSuggestedBeforeFamiliarOnes() throws {
        let f = SchemaFixture("types:\n  Int:\n    n: integer\nspec:\n  a: int\n  b: Prot\n")
        #expect(f.diagnostics.map(\.message) == ["field a: unknown type: int (did you mean \"Int\"?)",
                                                 "field b: unknown type: Prot"])
    }

    @Test func mapWithSpaceBeforeBracketIsACustomName() throws {
        let f = field("map [string]string")
        let d = try #require(f.only("KRO107"))
        #expect(d.message == "field f: unknown type: map [string]string")
        #expect(f.text(of: d) == "map [string]string")
    }

    @Test(arguments: [("map[ string]string", "KRO104", "map key must be string"),
                      ("map[int]string", "KRO104", "map key must be string"),
                      ("[]", "KRO103", "empty slice element type"),
                      ("map[string]", "KRO105", "map value type is required"),
                      ("map[string]  | required=true", "KRO105", "map value type is required")])
    func collectionErrors(_ input: String, _ code: String, _ message: String) throws {
        let f = field(input)
        #expect(f.codes == [code])
        let d = try #require(f.only(code))
        #expect(d.message == "field f: " + message)
        #expect(f.text(of: d) == input.split(separator: "|")[0].trimmingSpaces)
    }

    @Test(arguments: ["", "  ", "| required=true"])
    func emptyTypePart(_ input: String) throws {
        let f = field(input)
        let d = try #require(f.only("KRO102"))
        #expect(d.message == "field f: empty type")
        #expect(f.text(of: d) == "'\(input)'")
    }

    @Test func sixteenNestedLevelsAreAcceptedSeventeenAreNot() throws {
        let ok = field(String(repeating: "[]", count: 8) + String(repeating: "map[string]", count: 8) + "string")
        #expect(ok.diagnostics.isEmpty)
        var node: JSONValue? = ok.property("f")
        for _ in 0..<8 { #expect(node?["type"] == "array"); node = node?["items"] }
        for _ in 0..<8 { #expect(node?["type"] == "object"); node = node?["additionalProperties"] }
        #expect(node == ["type": "string"])

        let deep = field(String(repeating: "[]", count: 17) + "string")
        let d = try #require(deep.only("KRO106"))
        #expect(d.message == "field f: type nesting too deep (max 16): \"string\"")
        #expect(deep.text(of: d) == String(repeating: "[]", count: 17) + "string")
    }

    @Test func floatIsNumber() {
        #expect(field("float").property("f") == ["type": "number"])
        #expect(field("[]float").property("f") == ["items": ["type": "number"], "type": "array"])
    }

    @Test func spacesAfterSliceAndMapPrefixes() {
        #expect(field("[] string").property("f") == ["items": ["type": "string"], "type": "array"])
        #expect(field("map[string] integer").property("f")
                == ["additionalProperties": ["type": "integer"], "type": "object"])
        #expect(field("[]object").property("f")
                == ["items": ["type": "object", "x-kubernetes-preserve-unknown-fields": true], "type": "array"])
    }

    @Test(arguments: [("f: 5", "int64"), ("f: true", "bool"), ("f: yes", "bool"), ("f: null", "<nil>"),
                      ("f:", "<nil>"), ("f: 1.5", "float64"), ("f: [a]", "[]interface {}")])
    func nonStringFieldValues(_ line: String, _ goType: String) throws {
        let f = SchemaFixture("spec:\n  ok: string\n  \(line)\n")
        let d = try #require(f.only("KRO101"))
        #expect(d.message == "field f: unexpected type: \(goType)")
        #expect(f.property("ok") == ["type": "string"])
        #expect(f.property("f") == nil)
    }

    @Test func quotedNumbersAreStringsAndThusTypeNames() throws {
        let f = SchemaFixture("spec:\n  f: '5'\n")
        #expect(f.only("KRO107")?.message == "field f: unknown type: 5")
    }
}

@Suite struct SimpleSchemaMarkerLexerTests {
    @Test func spaceBeforeEqualsWorks() {
        #expect(field("string | default =x").property("f") == ["default": "x", "type": "string"])
    }

    @Test func spaceAfterEqualsLeavesADanglingWord() throws {
        let f = field("string | default= value")
        let d = try #require(f.only("KRO113"))
        #expect(d.message == "field f: marker key 'value' without a value")
        #expect(f.text(of: d) == "value")
    }

    @Test func bareWordAtTheEnd() throws {
        let f = field("string | optional")
        let d = try #require(f.only("KRO113"))
        #expect(d.message == "field f: marker key 'optional' without a value")
        #expect(f.text(of: d) == "optional")
    }

    @Test func bareWordBeforeAnotherMarkerJoinsItsKey() throws {
        let f = field("string | required description=x")
        let d = try #require(f.only("KRO112"))
        #expect(d.message == "field f: invalid marker key \"requireddescription\": unknown marker: requireddescription")
        #expect(f.text(of: d) == "required description")
    }

    @Test(arguments: ["string |", "string | "])
    func trailingPipe(_ input: String) throws {
        let f = field(input)
        let d = try #require(f.only("KRO113"))
        #expect(d.message == "field f: marker key '' without a value")
        #expect(f.text(of: d) == "|")
    }

    @Test func equalsInsideValueIsLiteral() {
        #expect(field("integer | validation=self==1").property("f")?["x-kubernetes-validations"]
                == [["message": "validation failed", "rule": "self==1"]])
    }

    @Test func escapedQuotesAndLiteralBackslashN() {
        let f = SchemaFixture(#"""
        spec:
          a: 'string | description="say \"hi\""'
          b: 'string | description="a\nb"'
          c: 'string | description="back\\slash"'
        """#)
        #expect(f.diagnostics.isEmpty)
        #expect(f.property("a")?["description"] == #"say "hi""#)
        #expect(f.property("b")?["description"] == #"a\nb"#)
        #expect(f.property("c")?["description"] == #"back\slash"#)
    }

    @Test func bracketsWithSpaces() {
        let f = field("[]integer | default=[80, 443]")
        #expect(f.diagnostics.isEmpty)
        #expect(f.property("f")?["default"] == [80, 443])
        let g = field(#"object | default={"a": "b c"}"#)
        #expect(g.property("f")?["default"] == ["a": "b c"])
    }

    @Test func laterValueWinsExceptAccumulatingMarkers() {
        #expect(field("string | description=a description=b").property("f")?["description"] == "b")
        let f = field("[]object | listType=map listMapKey=a listMapKey=b")
        #expect(f.property("f")?["x-kubernetes-list-map-keys"] == ["a", "b"])
    }

    @Test func emptyMarkerKey() throws {
        let f = field("string | =x")
        let d = try #require(f.only("KRO111"))
        #expect(d.message == "field f: empty marker key")
        #expect(f.text(of: d) == "=")
    }

    @Test func unknownMarkerIsCaseSensitive() throws {
        let f = field("string | Required=true")
        let d = try #require(f.only("KRO112"))
        #expect(d.message == "field f: invalid marker key \"Required\": unknown marker: Required (did you mean \"required\"?)")
        #expect(f.text(of: d) == "Required")
        #expect(d.fixes.first?.edits.map(\.newText) == ["required"])
    }

    @Test func unclosedQuoteIncludingTheLoneQuoteThatCrashesUpstream() throws {
        let f = field(#"string | description="abc"#)
        let d = try #require(f.only("KRO114"))
        #expect(d.message == "field f: unclosed quote")
        #expect(f.text(of: d) == #""abc"#)
        let lone = field(#"string | default=""#)
        #expect(lone.only("KRO114")?.message == "field f: unclosed quote")
    }

    @Test func brackets() throws {
        let f = field("[]integer | default=]")
        let d = try #require(f.only("KRO115"))
        #expect(d.message == "field f: unmatched closing bracket/brace")
        #expect(f.text(of: d) == "]")
        let g = field("[]integer | default=[1, 2")
        let e = try #require(g.only("KRO116"))
        #expect(e.message == "field f: unclosed bracket/brace")
        #expect(g.text(of: e) == "[1, 2")
    }

    @Test func trailingWhitespaceInAQuotedScalarIsAnError() {
        // kro's lexer always ends with "without a value" when no marker is open.
        #expect(field("string | required=true ").only("KRO113")?.message == "field f: marker key '' without a value")
    }
}

@Suite struct SimpleSchemaMarkerCatalogueTests {
    private func expectError(_ input: String, _ code: String, _ message: String, at text: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let f = field(input)
        #expect(f.errors.count == 1, "\(f.diagnostics)", sourceLocation: sourceLocation)
        guard let d = f.only(code) else {
            Issue.record("no \(code) in \(f.diagnostics)", sourceLocation: sourceLocation); return
        }
        #expect(d.message == "field f: " + message, sourceLocation: sourceLocation)
        #expect(f.text(of: d) == text, sourceLocation: sourceLocation)
        // The field keeps only its type (so its uses still type-check); no marker applies.
        let typeKeys: Set<String> = ["type", "items", "additionalProperties", "x-kubernetes-preserve-unknown-fields"]
        if let property = f.property("f")?.objectValue {
            #expect(Set(property.keys).isSubset(of: typeKeys), "\(property)", sourceLocation: sourceLocation)
        }
    }

    @Test func boolMarkers() {
        expectError("string | required=maybe", "KRO117",
                    "failed to parse required marker value: strconv.ParseBool: parsing \"maybe\": invalid syntax", at: "maybe")
        expectError("string | immutable=yes", "KRO117",
                    "failed to parse immutable marker value: strconv.ParseBool: parsing \"yes\": invalid syntax", at: "yes")
        expectError("[]string | uniqueItems=2", "KRO117",
                    "failed to parse uniqueItems marker value: strconv.ParseBool: parsing \"2\": invalid syntax", at: "2")
    }

    @Test(arguments: ["1", "t", "T", "TRUE", "true", "True"])
    func goBoolSpellings(_ v: String) {
        let f = SchemaFixture("spec:\n  f: string | required=\(v)\n")
        #expect(f.schema["required"] == ["f"])
    }

    @Test func limits() {
        expectError("integer | minimum=abc", "KRO119",
                    "failed to parse minimum enum value: strconv.ParseFloat: parsing \"abc\": invalid syntax", at: "abc")
        expectError("integer | maximum=1x", "KRO119",
                    "failed to parse maximum enum value: strconv.ParseFloat: parsing \"1x\": invalid syntax", at: "1x")
        #expect(field("string | minimum=1.5").property("f") == ["minimum": 1.5, "type": "string"])
    }

    @Test func enums() {
        expectError("boolean | enum=\"true,false\"", "KRO120",
                    "enum values only supported for string and integer types, got type: boolean",
                    at: "enum=\"true,false\"")
        expectError("string | enum=\"a,,b\"", "KRO121", "empty enum values are not allowed", at: "\"a,,b\"")
        expectError("string | enum=\"a, \"", "KRO121", "empty enum values are not allowed", at: "\"a, \"")
        expectError("string | enum=\",a\"", "KRO121", "empty enum values are not allowed", at: "\",a\"")
        expectError("integer | enum=\"1,x\"", "KRO122",
                    "failed to parse integer enum value: strconv.ParseInt: parsing \"x\": invalid syntax", at: "\"1,x\"")
        #expect(field("integer | enum=\"1, 2,3\"").property("f") == ["enum": [1, 2, 3], "type": "integer"])
        #expect(field("string | enum=\" a , b\"").property("f") == ["enum": ["a", "b"], "type": "string"])
        // Split at comma bytes, as Go's strings.Split: a combining mark does not join the comma.
        #expect(field("string | enum=\"é,\u{301}b\"").property("f") == ["enum": ["é", "\u{301}b"], "type": "string"])
    }

    @Test func patterns() {
        expectError("string | pattern=\"\"", "KRO123", "pattern marker value cannot be empty", at: "pattern=\"\"")
        expectError("integer | pattern=\"^a$\"", "KRO124", "pattern marker is only valid for string types, got type: integer",
                    at: "pattern=\"^a$\"")
        expectError("string | pattern=\"(abc\"", "KRO125", "invalid pattern regex: error parsing regexp: missing closing ): `(abc`",
                    at: "\"(abc\"")
        expectError("string | pattern=\"a(?=b)\"", "KRO125",
                    "invalid pattern regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`", at: "\"a(?=b)\"")
        expectError("string | pattern=\"*a\"", "KRO125",
                    "invalid pattern regex: error parsing regexp: missing argument to repetition operator: `*`", at: "\"*a\"")
        #expect(field("string | pattern=\"^[a-z]([-a-z0-9]*[a-z0-9])?$\"").diagnostics.isEmpty)
    }

    @Test func lengths() {
        expectError("integer | minLength=1", "KRO126", "minLength marker is only valid for string types, got type: integer",
                    at: "minLength=1")
        expectError("string | maxLength=x", "KRO127",
                    "failed to parse maxLength value: strconv.ParseInt: parsing \"x\": invalid syntax", at: "x")
        #expect(field("string | minLength=1 maxLength=3").property("f") == ["maxLength": 3, "minLength": 1, "type": "string"])
    }

    @Test func items() {
        expectError("string | minItems=1", "KRO128", "minItems marker is only valid for array types, got type: string",
                    at: "minItems=1")
        expectError("map[string]string | uniqueItems=true", "KRO128",
                    "uniqueItems marker is only valid for array types, got type: object", at: "uniqueItems=true")
        expectError("[]string | maxItems=1.5", "KRO129",
                    "failed to parse maxItems value: strconv.ParseInt: parsing \"1.5\": invalid syntax", at: "1.5")
    }

    @Test func uniqueAndListTypeInteract() {
        expectError("[]string | uniqueItems=true listType=map", "KRO133",
                    "listType attempting to overwrite set type of set, this can happen if you set contradictory markers "
                    + "like unique=true | listType=map", at: "listType=map")
        expectError("[]string | listType=map uniqueItems=true", "KRO130", "cannot set unique when listType is set to map",
                    at: "uniqueItems=true")
        let ok = field("[]string | listType=set uniqueItems=true")
        #expect(ok.diagnostics.isEmpty)
        #expect(ok.property("f")?["x-kubernetes-list-type"] == "set")
        #expect(ok.property("f")?["uniqueItems"] == nil)
        #expect(field("[]string | uniqueItems=false").property("f") == ["items": ["type": "string"], "type": "array"])
    }

    @Test func listTypeAndMapKeys() {
        expectError("string | listType=set", "KRO131", "listType marker only applies to array types", at: "listType=set")
        expectError("string | listMapKey=a", "KRO131", "listMapKey marker only applies to array types", at: "listMapKey=a")
        expectError("[]string | listType=bag", "KRO132",
                    "unsupported value for listType bag, needs to be one of atomic, set, or map", at: "bag")
        expectError("[]object | listType=map listMapKey=a listMapKey=a", "KRO134", "duplicate listMapKey marker, value a",
                    at: "listMapKey=a")
        expectError("[]object | listMapKey=a", "KRO135",
                    "listMapKey set while listType is unset, listType must be set to map", at: "listMapKey=a")
        expectError("[]object | listType=atomic listMapKey=a", "KRO135",
                    "listMapKey set while listType is set to atomic, listType must be set to map", at: "listMapKey=a")
    }

    @Test func validationRules() {
        expectError("string | validation=\"\"", "KRO136", "validation failed", at: "validation=\"\"")
        expectError("string | validation=\"  \"", "KRO136", "validation failed", at: "validation=\"  \"")
        let f = field("string | validation=\"self.size() > 1\" immutable=true validation=\"self != 'x'\"")
        #expect(f.property("f")?["x-kubernetes-validations"] == [
            ["message": "validation failed", "rule": "self.size() > 1"],
            ["message": "field is immutable", "rule": "self == oldSelf"],
            ["message": "validation failed", "rule": "self != 'x'"],
        ])
    }
}

@Suite struct SimpleSchemaDefaultTests {
    @Test func defaultsPerType() {
        #expect(field("string | default=\"nginx\"").property("f")?["default"] == "nginx")
        #expect(field("string | default=nginx").property("f")?["default"] == "nginx")
        #expect(field("string | default=\"\"").property("f")?["default"] == "")
        #expect(field("integer | default=-3").property("f")?["default"] == -3)
        // kro decodes numbers with UseNumber: `1e3` is not an int64 literal, so it is a float.
        #expect(field("float | default=1e3").property("f")?["default"] == .double(1000))
        #expect(field("boolean | default=true").property("f")?["default"] == true)
        #expect(field("[]integer | default=[80,443]").property("f")?["default"] == [80, 443])
        #expect(field(#"map[string]string | default={"a":"b"}"#).property("f")?["default"] == ["a": "b"])
        #expect(field("string | default=on").property("f")?["default"] == "on")
    }

    @Test(arguments: [("integer | default=abc", "default value must be a valid integer, got: abc", "abc"),
                      ("integer | default=1.5", "default value must be a valid integer, got: 1.5", "1.5"),
                      ("float | default=x", "default value must be a valid number, got: x", "x"),
                      ("boolean | default=yes", "default value must be a valid boolean, got: yes", "yes")])
    func kroRejects(_ input: String, _ message: String, _ at: String) throws {
        let f = field(input)
        let d = try #require(f.only("KRO118"))
        #expect(d.message == "field f: " + message)
        #expect(f.text(of: d) == at)
        #expect(f.property("f")?["default"] == nil, "the rejected default is not applied")
    }

    @Test(arguments: [("integer | default=+5", JSONValue.int(5)), ("integer | default=007", .int(7)),
                      ("float | default=inf", .string("inf")), ("float | default=+1.5", .double(1.5)),
                      ("boolean | default=True", .bool(true)), ("boolean | default=t", .bool(true)),
                      (#"string | default="a\"b""#, .string(#"a"b"#))])
    func kroAcceptsButTheJSONIsInvalid(_ input: String, _ intended: JSONValue) throws {
        let f = field(input)
        let d = try #require(f.only("KRO914"))
        #expect(d.severity == .error)
        #expect(d.message.contains("is not valid JSON"))
        #expect(d.message.hasSuffix(MarkerApplication.acceptanceNote))
        // The field still builds (kro accepts it); the schema carries what was meant.
        #expect(f.property("f")?["default"] == intended)
    }

    @Test func invalidJSONForCollectionsIsKRO503() throws {
        let f = field("object | default={a:b}")
        let d = try #require(f.only("KRO503"))
        #expect(f.text(of: d) == "{a:b}")
    }

    @Test func defaultNotMatchingItsSchemaIsKRO504() throws {
        let bool = field("boolean | default=1")
        #expect(bool.only("KRO504")?.message.contains("must be of type boolean") == true)
        let en = field("string | default=x enum=\"a,b\"")
        let d = try #require(en.only("KRO504"))
        #expect(en.text(of: d) == "x")
        #expect(d.message.contains("Unsupported value: \"x\""))
        #expect(field("integer | default=20 maximum=10").only("KRO504") != nil)
        #expect(field("[]integer | default=[1,\"a\"]").only("KRO504")?.message.contains("default[1]") == true)
        #expect(field("string | default=a enum=\"a,b\"").diagnostics.isEmpty)
        #expect(field("float | default=1").diagnostics.isEmpty)
    }

    @Test func backslashesThatJSONReadsDifferentlyWarn() throws {
        // kro writes "a\tb" unescaped: JSON reads a tab.
        let f = field(#"string | default="a\\tb""#)
        let d = try #require(f.only("KRO914"))
        #expect(d.severity == .warning)
    }
}

@Suite struct SimpleSchemaObjectAndTypeTests {
    @Test func defaultObjectPropagatesThroughTwoLevels() {
        let f = SchemaFixture("""
        spec:
          outer:
            inner:
              enabled: boolean | default=true
        """)
        #expect(f.property("outer.inner")?["default"] == [:])
        #expect(f.property("outer")?["default"] == [:])
        #expect(f.schema["default"] == [:])
    }

    @Test func requiredBlocksTheObjectDefault() {
        let f = SchemaFixture("""
        spec:
          outer:
            inner:
              enabled: boolean | default=true
            name: string | required=true
        """)
        #expect(f.property("outer.inner")?["default"] == [:])
        #expect(f.property("outer")?["default"] == nil)
        #expect(f.property("outer")?["required"] == ["name"])
        // outer has no default, so the root has none either.
        #expect(f.schema["default"] == nil)
    }

    @Test func requiredListIsSortedByBytes() {
        let f = SchemaFixture("""
        spec:
          b: string | required=true
          a: string | required=true
          Z: string | required=true
        """)
        #expect(f.schema["required"] == ["Z", "a", "b"])
    }

    @Test func aliasRequiredPropagation() {
        let f = SchemaFixture("""
        types:
          Name: string | required=true minLength=1
        spec:
          a: Name
          b: Name | required=false
          c: '[]Name'
          d: map[string]Name
          e: Name | description=x
        """)
        #expect(f.schema["required"] == ["a", "b", "e"])
        #expect(f.property("e") == ["description": "x", "minLength": 1, "type": "string"])
        #expect(f.property("c") == ["items": ["minLength": 1, "type": "string"], "type": "array"])
        #expect(f.result.fields.first { $0.path == ["b"] }?.isRequired == true)
        #expect(f.result.fields.first { $0.path == ["c"] }?.isRequired == false)
    }

    @Test func duplicateRequiredEntries() throws {
        let f = SchemaFixture("""
        types:
          Name: string | required=true
        spec:
          a: Name | required=true
        """)
        #expect(f.schema["required"] == ["a", "a"])
        let d = try #require(f.only("KRO507"))
        #expect(f.text(of: d) == "required=true")
        #expect(d.message.hasSuffix(MarkerApplication.acceptanceNote))
    }

    /// Thousands of required fields: each is in `required` once, read as required, and
    /// only a field written required twice is a duplicate.
    @Test func thousandsOfRequiredFields() {
        let n = 3_000
        let f = SchemaFixture("spec:\n" + (0..<n).map { "  f\($0): string | required=true\n" }.joined()
                              + "  twice: string | required=true required=true\n")
        let required = f.schema["required"]?.arrayValue ?? []
        #expect(required.count == n + 2)
        #expect(Set(required.compactMap(\.stringValue)).count == n + 1)
        #expect(f.diagnostics.map(\.code) == ["KRO507"])
    }

    @Test func customTypeUsesAreDeepCopies() {
        let f = SchemaFixture("""
        types:
          Port: integer | default=8080
        spec:
          a: Port | default=9090
          b: Port
        """)
        #expect(f.property("a") == ["default": 9090, "type": "integer"])
        #expect(f.property("b") == ["default": 8080, "type": "integer"])
        #expect(f.schema["default"] == [:])
    }

    @Test func structTypeInheritsDefaultObject() {
        let f = SchemaFixture("""
        types:
          Opts:
            debug: boolean | default=false
        spec:
          opts: Opts
        """)
        #expect(f.property("opts")?["default"] == [:])
        #expect(f.schema["default"] == [:])
    }

    @Test func typesMayReferToLaterTypes() {
        let f = SchemaFixture("""
        types:
          A:
            b: B
          B: string | minLength=2
        spec:
          a: A
        """)
        #expect(f.diagnostics.isEmpty)
        #expect(f.property("a.b") == ["minLength": 2, "type": "string"])
    }

    @Test func selfReference() throws {
        let f = SchemaFixture("""
        types:
          Node:
            children: '[]Node'
        spec:
          n: Node
        """)
        let d = try #require(f.only("KRO109"))
        #expect(d.message == "self references are not allowed")
        #expect(f.text(of: d) == "Node")
        #expect(d.range.start > f.text.utf8.count / 3)   // the use inside '[]Node', not the key
        // The broken type is not reported again as unknown where it is used.
        #expect(f.codes == ["KRO109"])
    }

    @Test func twoTypeCycle() throws {
        let f = SchemaFixture("""
        types:
          A:
            b: B
          B:
            a: A
        spec:
          x: A
        """)
        let cycles = f.diagnostics.filter { $0.code == "KRO110" }
        #expect(cycles.map(\.message) == [
            "cyclic dependency in type A: graph contains a cycle: A -> B -> A",
            "cyclic dependency in type B: graph contains a cycle: B -> A -> B",
        ])
        #expect(cycles.map { f.text(of: $0) } == ["B", "A"])
        #expect(cycles.allSatisfy { $0.related.count == 1 })
        #expect(f.codes == ["KRO110", "KRO110"])
    }

    @Test func undefinedReferenceInsideTypesVersusInsideSpec() throws {
        let f = SchemaFixture("""
        types:
          A:
            b: 'map[string]Missing'
        spec:
          x: Other
          y: A
        """)
        let inTypes = try #require(f.only("KRO108"))
        #expect(inTypes.message == "node Missing does not exist")
        #expect(f.text(of: inTypes) == "Missing")
        let inSpec = try #require(f.only("KRO107"))
        #expect(inSpec.message == "field x: unknown type: Other")
        #expect(f.codes == ["KRO108", "KRO107"])
    }

    @Test func badTypeValue() throws {
        let f = SchemaFixture("types:\n  Bad: 5\n  AlsoBad:\n    f: [1]\nspec:\n  x: string\n")
        #expect(f.diagnostics.map(\.message) == [
            "parsing type Bad: unexpected type: int64",
            "parsing type AlsoBad: field f: unexpected type: []interface {}",
        ])
        #expect(f.codes == ["KRO137", "KRO137"])
    }

    @Test func aFailedFieldKeepsOnlyItsType() {
        let f = SchemaFixture("spec:\n  a: string | required=true minItems=1\n  b: string | required=true\n")
        #expect(f.codes == ["KRO128"])
        #expect(f.schema["required"] == ["b"], "a rejected field is not required")
        #expect(f.property("a") == ["type": "string"], "but keeps its type for the rest of the analysis")
    }

    @Test func errorWrappingAndAllErrorsReported() {
        let f = SchemaFixture("""
        types:
          T:
            f: integer | minLength=1
        spec:
          outer:
            inner: string | foo=1
          other: number
        """)
        #expect(f.diagnostics.map(\.message) == [
            "building schema for T: field f: minLength marker is only valid for string types, got type: integer",
            "field outer: field inner: invalid marker key \"foo\": unknown marker: foo",
            "field other: unknown type: number (did you mean \"float\"?)",
        ])
    }

    @Test func positionsInsidePlainSingleAndDoubleQuotedScalars() throws {
        let plain = SchemaFixture("spec:\n  f: string | description=x foo=1\n")
        #expect(plain.text(of: try #require(plain.only("KRO112"))) == "foo")

        let single = SchemaFixture("spec:\n  f: 'string | description=''it''s'' foo=1'\n")
        #expect(single.text(of: try #require(single.only("KRO112"))) == "foo")

        let double = SchemaFixture(#"spec:\#n  f: "string | description=\"caf\u00e9 \\ x\" foo=1"\#n"#)
        let d = try #require(double.only("KRO112"))
        #expect(double.text(of: d) == "foo")
        let escaped = SchemaFixture(#"spec:\#n  f: "string | description=\"caf\u00e9 \\ x\" minLength=1"\#n"#)
        #expect(escaped.diagnostics.isEmpty)
        #expect(escaped.result.fields.first?.markers.first?.value == "café \\ x")
        let value = try #require(escaped.result.fields.first?.markers.first?.valueRange)
        #expect(escaped.text(of: value) == #"\"caf\u00e9 \\ x\""#)
        let minLength = try #require(escaped.result.fields.first?.markers.last?.keyRange)
        #expect(escaped.text(of: minLength) == "minLength")

        let folded = SchemaFixture("spec:\n  f: >-\n    string |\n    foo=1\n")
        #expect(folded.text(of: try #require(folded.only("KRO112"))) == "foo")
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
