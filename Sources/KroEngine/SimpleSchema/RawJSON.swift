import JSON
import OrderedCollections

/// A strict RFC 8259 reader for the raw JSON kro writes into `default` (what the API
/// server's decoder accepts). Anything Go's `encoding/json` rejects is rejected here:
/// leading `+`, leading zeros, `True`, `NaN`, unescaped control characters, trailing text.
struct RawJSON {
    struct Failure: Error, Equatable { var message: String }

    /// Parses `text` as a single JSON value.
    static func parse(_ text: String) -> Result<JSONValue, Failure> {
        var reader = RawJSON(bytes: Array(text.utf8))
        do {
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.index == reader.bytes.count else {
                throw Failure(message: "invalid character \(reader.describeCurrent()) after top-level value")
            }
            return .success(value)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "invalid JSON"))
        }
    }

    private let bytes: [UInt8]
    private var index = 0
    private static let maxDepth = 200

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func describeCurrent() -> String {
        guard let c = current else { return "end of input" }
        return "'" + String(decoding: [c], as: UTF8.self) + "'"
    }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 { index += 1 }
    }

    private func fail(_ context: String) -> Failure {
        current == nil ? Failure(message: "unexpected end of JSON input")
            : Failure(message: "invalid character \(describeCurrent()) \(context)")
    }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw Failure(message: "exceeded max depth") }
        guard let c = current else { throw fail("looking for beginning of value") }
        switch c {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("looking for beginning of value")
        }
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard current == expected else { throw fail("in literal \(word)") }
            index += 1
        }
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        index += 1
        var members = OrderedDictionary<String, JSONValue>()
        skipSpace()
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw fail("looking for beginning of object key string") }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw fail("after object key") }
            index += 1
            skipSpace()
            members[key] = try value(depth: depth + 1)
            skipSpace()
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw fail("after object key:value pair")
        }
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail("after array element")
        }
    }

    private mutating func string() throws -> String {
        index += 1
        var out: [UInt8] = []
        while let c = current {
            index += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = current else { break }
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"),
                       index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                        }
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    index -= 1
                    throw fail("in string escape code")
                }
            default:
                if c < 0x20 { index -= 1; throw fail("in string literal") }
                out.append(c)
            }
        }
        throw Failure(message: "unexpected end of JSON input")
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let d = Self.hexValue(c) else { throw fail("in \\u hexadecimal character escape") }
            v = v * 16 + d
            index += 1
        }
        return v
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - 55)
        default: nil
        }
    }

    private mutating func number() throws -> JSONValue {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, first >= 48, first <= 57 else { throw fail("in numeric literal") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let d = current, d >= 48, d <= 57 else { throw fail("after decimal point in numeric literal") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let d = current, d >= 48, d <= 57 else { throw fail("in exponent of numeric literal") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        // kro decodes with UseNumber: an int64 literal is an integer, anything else a float.
        if integral, let i = Int64(text) { return .int(i) }
        return .double(Double(text) ?? 0)
    }

    private mutating func skipDigits() {
        while let c = current, c >= 48, c <= 57 { index += 1 }
    }
}
