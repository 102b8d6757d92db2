import JSON

/// The JSON parser: what it accepts serialises and parses back to the same value.
enum JSONFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        guard let value = try? JSONParser().parse(input) else { return [] }
        guard let bytes = try? JSONSerializer(options: .init(nonFiniteNumbers: .null)).serialize(value) else {
            return ["a parsed value does not serialise"]
        }
        do {
            let back = try JSONParser().parse(bytes)
            v.expect(equivalent(back, value), "the value changes in a serialise/parse round trip")
        } catch {
            v.expect(false, "the serialised value does not parse: \(error)")
        }
        return v.list
    }

    /// Equal as JSON: numbers compare by value, since an integral double is written without
    /// a fraction (as Go's encoding/json does) and reads back as an integer.
    static func equivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(equivalent)
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && equivalent($0.value, $1.value) }
        default: return a == b
        }
    }
}
