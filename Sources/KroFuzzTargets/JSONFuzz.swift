import JSON

/// The JSON parser: what it accepts serialises and parses back to the same value. The
/// value written piece by piece with `JSONTextWriter` gives the serializer's bytes. An
/// object's members read as ranges (`members`) are its members, and a document `parse`
/// rejects `members` rejects where `parse` does.
enum JSONFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let parsed: Result<JSONValue, JSONParseError>
        do { parsed = .success(try JSONParser().parse(input)) } catch { parsed = .failure(error) }
        checkMembers(input, parsed, &v)
        guard case .success(let value) = parsed else { return v.list }
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

    static func checkMembers(_ input: [UInt8], _ parsed: Result<JSONValue, JSONParseError>, _ v: inout Violations) {
        let members: Result<[(key: String, value: Range<Int>)], JSONParseError>
        do {
            members = .success(try input.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in try JSONParser().members(buffer) })
        } catch {
            members = .failure(error)
        }
        let opensObject = input.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
        switch (parsed, members) {
        case (.success(.object(let object)), .success(let ranges)):
            v.expect(ranges.count >= object.count && Set(ranges.map(\.key)) == Set(object.keys), "members names other keys than parse")
            for (key, range) in ranges where ranges.last(where: { $0.key == key })?.value == range {
                let member = try? JSONParser().parse(Array(input[range]))
                v.expect(member.map { equivalent($0, object[key]!) } == true, "member \(key)'s range does not hold its value")
            }
        case (.success(.object), .failure(let error)):
            v.expect(false, "members rejects an object parse accepts: \(error)")
        case (.success, .success):
            v.expect(false, "members accepts a document that is not an object")
        case (.failure(let expected), .failure(let error)) where opensObject:
            v.expect(error.offset == expected.offset && error.message == expected.message,
                     "members rejects at \(error.offset) (\(error.message)), parse at \(expected.offset) (\(expected.message))")
        case (.failure, .success):
            v.expect(false, "members accepts a document parse rejects")
        default: break
        }
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
