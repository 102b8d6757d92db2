import JSON
import OrderedCollections

/// Go `encoding/json` behaviour that kro's `json.marshal`/`json.unmarshal` expose:
/// decoding (all numbers become doubles, the same syntax error texts) and the encoder's
/// string, number and duration spellings.
enum GoJSONText {
    // MARK: Decoding

    /// Go stops at 10000 levels; values that deep would exceed what the evaluator
    /// accepts (`EvalOptions.maxValueDepth`) and risk the native stack, so we stop at 1000
    /// with Go's message.
    static let maxDepth = 1_000

    /// `json.Unmarshal` into `interface{}`: numbers decode as doubles. Errors carry Go's
    /// message (`invalid character 'x' looking for beginning of value`, …).
    static func decode(_ text: String) throws(LibraryError) -> JSONValue {
        var parser = Parser(bytes: Array(text.utf8))
        return try parser.parse()
    }

    /// An open container. Its elements are kept in `arrays` or `objects`, appended to in
    /// place: a frame holding its array while a copy was appended to copied it at each
    /// element (an array of 20,000 numbers took 3 s).
    private enum Frame {
        case array
        case object(key: String)
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var stack: [Frame] = []
        var arrays: [[JSONValue]] = []
        var objects: [OrderedDictionary<String, JSONValue>] = []
        /// Go reports a number that does not fit a float64 after the syntax check.
        var rangeError: LibraryError?

        init(bytes: [UInt8]) { self.bytes = bytes }

        static func invalid(_ c: UInt8, _ context: String) -> LibraryError {
            let q: String
            switch c {
            case UInt8(ascii: "'"): q = "'\\''"
            case UInt8(ascii: "\""): q = "'\"'"
            default: q = "'" + GoQuote.escape(Unicode.Scalar(c), quote: "\"") + "'"
            }
            return LibraryError("invalid character " + q + " " + context)
        }

        static let unexpectedEnd = LibraryError("unexpected end of JSON input")

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[i]) { i += 1 }
        }

        /// The byte at the cursor; at the end Go's scanner feeds a space.
        var current: UInt8 { i < bytes.count ? bytes[i] : 0x20 }

        mutating func parse() throws(LibraryError) -> JSONValue {
            valueLoop: while true {
                skipSpace()
                guard i < bytes.count else { throw Self.unexpectedEnd }
                var value: JSONValue
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "{"):
                    if stack.count >= maxDepth { throw Self.invalid(c, "exceeded max depth") }
                    i += 1
                    skipSpace()
                    guard i < bytes.count else { throw Self.unexpectedEnd }
                    if bytes[i] == UInt8(ascii: "}") {
                        i += 1
                        value = .object([:])
                    } else {
                        let key = try parseKey()
                        stack.append(.object(key: key))
                        objects.append([:])
                        continue valueLoop
                    }
                case UInt8(ascii: "["):
                    if stack.count >= maxDepth { throw Self.invalid(c, "exceeded max depth") }
                    i += 1
                    skipSpace()
                    guard i < bytes.count else { throw Self.unexpectedEnd }
                    if bytes[i] == UInt8(ascii: "]") {
                        i += 1
                        value = .array([])
                    } else {
                        stack.append(.array)
                        arrays.append([])
                        continue valueLoop
                    }
                case UInt8(ascii: "\""):
                    value = .string(try parseString())
                case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
                case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
                case UInt8(ascii: "n"): try literal("null"); value = .null
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    value = try parseNumber()
                default:
                    throw Self.invalid(c, "looking for beginning of value")
                }
                // Deliver the value to the enclosing containers.
                while true {
                    guard let top = stack.popLast() else {
                        skipSpace()
                        if i < bytes.count { throw Self.invalid(bytes[i], "after top-level value") }
                        if let rangeError { throw rangeError }
                        return value
                    }
                    skipSpace()
                    switch top {
                    case .array:
                        arrays[arrays.count - 1].append(value)
                        guard i < bytes.count else { throw Self.unexpectedEnd }
                        if bytes[i] == UInt8(ascii: ",") {
                            i += 1
                            stack.append(.array)
                            continue valueLoop
                        }
                        if bytes[i] == UInt8(ascii: "]") { i += 1; value = .array(arrays.removeLast()); continue }
                        throw Self.invalid(bytes[i], "after array element")
                    case .object(let key):
                        objects[objects.count - 1][key] = value
                        guard i < bytes.count else { throw Self.unexpectedEnd }
                        if bytes[i] == UInt8(ascii: ",") {
                            i += 1
                            skipSpace()
                            let next = try parseKey()
                            stack.append(.object(key: next))
                            continue valueLoop
                        }
                        if bytes[i] == UInt8(ascii: "}") { i += 1; value = .object(objects.removeLast()); continue }
                        throw Self.invalid(bytes[i], "after object key:value pair")
                    }
                }
            }
        }

        /// A member name and its colon.
        mutating func parseKey() throws(LibraryError) -> String {
            guard i < bytes.count else { throw Self.unexpectedEnd }
            guard bytes[i] == UInt8(ascii: "\"") else { throw Self.invalid(bytes[i], "looking for beginning of object key string") }
            let key = try parseString()
            skipSpace()
            guard i < bytes.count else { throw Self.unexpectedEnd }
            guard bytes[i] == UInt8(ascii: ":") else { throw Self.invalid(bytes[i], "after object key") }
            i += 1
            return key
        }

        mutating func literal(_ word: StaticString) throws(LibraryError) {
            let w = Array(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
            let name = String(decoding: w, as: UTF8.self)
            i += 1
            for expected in w.dropFirst() {
                let c = current
                if c != expected {
                    throw Self.invalid(c, "in literal \(name) (expecting '\(Character(Unicode.Scalar(expected)))')")
                }
                i += 1
            }
        }

        mutating func parseNumber() throws(LibraryError) -> JSONValue {
            let start = i
            func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
            if bytes[i] == UInt8(ascii: "-") {
                i += 1
                guard isDigit(current) else { throw Self.invalid(current, "in numeric literal") }
            }
            if current == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count && isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard isDigit(current) else { throw Self.invalid(current, "after decimal point in numeric literal") }
                while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
                i += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
                guard isDigit(current) else { throw Self.invalid(current, "in exponent of numeric literal") }
                while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard let d = Double(text), d.isFinite else {
                if rangeError == nil {
                    rangeError = LibraryError("json: cannot unmarshal number \(text) into Go value of type float64")
                }
                return .double(0)
            }
            return .double(d)
        }

        mutating func hex4() throws(LibraryError) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = current
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 97...102: d = UInt32(c - 87)
                case 65...70: d = UInt32(c - 55)
                default: throw Self.invalid(c, "in \\u hexadecimal character escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func parseString() throws(LibraryError) -> String {
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw Self.unexpectedEnd }
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw Self.invalid(c, "in string literal") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                let e = current
                switch e {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "\""): out.append(e)
                case UInt8(ascii: "u"):
                    i += 1
                    var scalar = try hex4()
                    if scalar >= 0xd800 && scalar < 0xdc00 {
                        // A high surrogate pairs with an immediately following low one.
                        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                            let save = i
                            i += 2
                            let low = try hex4()
                            if low >= 0xdc00 && low < 0xe000 {
                                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                            } else {
                                i = save
                                scalar = 0xfffd
                            }
                        } else {
                            scalar = 0xfffd
                        }
                    } else if scalar >= 0xdc00 && scalar < 0xe000 {
                        scalar = 0xfffd
                    }
                    out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                    continue
                default:
                    throw Self.invalid(e, "in string escape code")
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    // MARK: Encoding

    /// A JSON string literal as Go's encoder writes it (HTML-safe escaping, U+2028/9).
    static func quote(_ s: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), b]
                case 0x08: out += Array("\\b".utf8)
                case 0x0c: out += Array("\\f".utf8)
                case 0x0a: out += Array("\\n".utf8)
                case 0x0d: out += Array("\\r".utf8)
                case 0x09: out += Array("\\t".utf8)
                case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 0xf)]]
                default: out.append(b)
                }
            } else if v == 0x2028 || v == 0x2029 {
                out += Array("\\u202".utf8) + [hex[Int(v & 0xf)]]
            } else {
                out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// A float64 as Go's encoder writes it: shortest round-trip digits, `%f` style
    /// between 1e-6 and 1e21, `%e` style outside (with `e-07` shortened to `e-7`).
    static func formatDouble(_ d: Double) throws(LibraryError) -> String {
        if d.isNaN { throw LibraryError("json: unsupported value: NaN") }
        if d.isInfinite { throw LibraryError("json: unsupported value: " + (d < 0 ? "-Inf" : "+Inf")) }
        let sign = d.sign == .minus ? "-" : ""
        let (digits, point) = DoubleFormat.shortestDigits(d)
        let magnitude = d.magnitude
        guard magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) else {
            return sign + DoubleFormat.fForm(digits, point)
        }
        var text = DoubleFormat.eForm(String(decoding: digits.map { $0 + 48 }, as: UTF8.self), point - 1)
        if text.hasSuffix("e-0" + String(text.suffix(1))), let last = text.last {
            text.removeLast(2)
            text.append(last)
        }
        return sign + text
    }
}
