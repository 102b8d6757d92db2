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
            v.expect(back == value, "the value changes in a serialise/parse round trip")
        } catch {
            v.expect(false, "the serialised value does not parse: \(error)")
        }
        return v.list
    }
}
