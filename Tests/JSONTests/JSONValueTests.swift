import Testing
import JSON

@Test func objectLiteralKeepsKeyOrderAndSubscripts() {
    let value: JSONValue = ["b": 1, "a": ["x", nil]]
    #expect(value.objectValue?.keys.elementsEqual(["b", "a"]) == true)
    #expect(value["b"] == .int(1))
    #expect(value["a"]?.arrayValue == [.string("x"), .null])
    #expect(value["missing"] == nil)
}
