import JSON

/// The JSON parser: what it accepts serialises and parses back to the same value. The
/// value written piece by piece with `JSONTextWriter` gives the serializer's bytes.
enum JSONFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        guard let value = try? JSONParser().parse(input) else { return [] }
        guard let bytes = try? JSONSerializer(options: .init(nonFiniteNumbers: .null)).serialize(value) else {
            return ["a parsed value does not serialise"]
        }
        var writer = JSONTextWriter()
        write(value, to: &writer)
        v.expect(writer.finish().bytes == bytes, "JSONTextWriter and JSONSerializer write different bytes")
        do {
            let back = try JSONParser().parse(bytes)
            v.expect(equivalent(back, value), "the value changes in a serialise/parse round trip")
        } catch {
            v.expect(false, "the serialised value does not parse: \(error)")
        }
        return v.list
    }

    /// `value` through the writer's pieces: containers opened and closed, keys, integers and
    /// strings one by one, the rest (and every third container) as a tree or as a fragment.
    static func write(_ value: JSONValue, to writer: inout JSONTextWriter, depth: Int = 0) {
        switch value {
        case .array(let items) where depth % 3 != 2:
            writer.beginArray()
            for item in items { write(item, to: &writer, depth: depth + 1) }
            writer.endArray()
        case .object(let members) where depth % 3 != 2:
            writer.beginObject()
            for (key, member) in members {
                writer.key(key)
                write(member, to: &writer, depth: depth + 1)
            }
            writer.endObject()
        case .int(let i) where Int(exactly: i) != nil: writer.int(Int(i))
        case .string(let s): writer.string(s)
        default:
            if depth % 2 == 0 { writer.value(value) } else { writer.fragment(JSONFragment(value)) }
        }
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
