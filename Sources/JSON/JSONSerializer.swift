/// Writes `JSONValue`s as RFC 8259 text (UTF-8 bytes).
///
/// The defaults give compact output in the value's own key order with only the escapes
/// JSON requires. `Options.goMarshal` reproduces Go's `json.Marshal` (sorted keys, HTML
/// and line-separator escapes), which is what kro's CEL `json.marshal` returns.
public struct JSONSerializer: Sendable {
    public enum NonFiniteNumbers: Sendable, Hashable {
        /// Refuse NaN and ±infinity (JSON cannot express them).
        case error
        /// Write them as `null` (what JavaScript's `JSON.stringify` does).
        case null
    }

    public struct Options: Sendable, Hashable {
        /// Object keys in UTF-8 byte order instead of the value's order.
        public var sortedKeys: Bool
        /// Pretty-print with this indent per level (`nil`: compact, no spaces at all).
        public var indent: String?
        /// Escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`.
        public var escapeHTML: Bool
        /// Escape U+2028 and U+2029 (line terminators in JavaScript).
        public var escapeLineSeparators: Bool
        /// Escape every non-ASCII character as `\uXXXX` (surrogate pairs above U+FFFF).
        public var escapeNonASCII: Bool
        /// Escape `/` as `\/`.
        public var escapeSlash: Bool
        public var nonFiniteNumbers: NonFiniteNumbers

        public init(sortedKeys: Bool = false, indent: String? = nil, escapeHTML: Bool = false,
                    escapeLineSeparators: Bool = false, escapeNonASCII: Bool = false,
                    escapeSlash: Bool = false, nonFiniteNumbers: NonFiniteNumbers = .error) {
            self.sortedKeys = sortedKeys; self.indent = indent; self.escapeHTML = escapeHTML
            self.escapeLineSeparators = escapeLineSeparators; self.escapeNonASCII = escapeNonASCII
            self.escapeSlash = escapeSlash; self.nonFiniteNumbers = nonFiniteNumbers
        }

        /// Go's `json.Marshal` of a decoded value: maps sorted, HTML-safe.
        public static let goMarshal = Options(sortedKeys: true, escapeHTML: true, escapeLineSeparators: true)
    }

    public var options: Options
    public init(options: Options = .init()) { self.options = options }

    public func serialize(_ value: JSONValue) throws(JSONSerializationError) -> [UInt8] {
        var writer = JSONWriter(options: options)
        try writer.write(value, level: 0)
        return writer.output
    }

    public func string(_ value: JSONValue) throws(JSONSerializationError) -> String {
        String(decoding: try serialize(value), as: UTF8.self)
    }
}

public struct JSONSerializationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number that could not be written.
    public var value: Double
    public init(value: Double) { self.value = value }
    public var description: String { "json: unsupported value: \(value)" }
}

extension JSONValue {
    /// Compact JSON text in the value's key order (non-finite numbers as `null`).
    public var jsonText: String {
        let serializer = JSONSerializer(options: .init(nonFiniteNumbers: .null))
        return (try? serializer.string(self)) ?? "null"
    }
}

/// The serializer's writer; `JSONTextWriter` writes through it too, so both give the same bytes.
struct JSONWriter {
    let options: JSONSerializer.Options
    var output: [UInt8] = []

    init(options: JSONSerializer.Options, capacity: Int = 256) {
        self.options = options
        output.reserveCapacity(capacity)
    }

    mutating func write(_ value: JSONValue, level: Int) throws(JSONSerializationError) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): writeInt(i)
        case .double(let d):
            if d.isFinite {
                append(JSONNumberFormat.shortest(d))
            } else if options.nonFiniteNumbers == .null {
                append("null")
            } else {
                throw JSONSerializationError(value: d)
            }
        case .string(let s): writeString(s)
        case .array(let items):
            guard !items.isEmpty else { append("[]"); return }
            output.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                try write(item, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { append("{}"); return }
            output.append(UInt8(ascii: "{"))
            var keys = Array(members.keys)
            if options.sortedKeys { keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            for (k, key) in keys.enumerated() {
                if k > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writeString(key)
                output.append(UInt8(ascii: ":"))
                if options.indent != nil { output.append(UInt8(ascii: " ")) }
                try write(members[key] ?? .null, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ level: Int) {
        guard let indent = options.indent else { return }
        output.append(0x0A)
        for _ in 0..<level { append(indent) }
    }

    mutating func append(_ text: String) { output.append(contentsOf: text.utf8) }

    /// The decimal digits of `value`, as `String(value)` spells them, without making that String
    /// (a file's semantic tokens are millions of numbers).
    mutating func writeInt(_ value: Int64) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, one byte each, last digit first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for k in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[k]) }
        }
    }

    mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": append("\\\"")
            case "\\": append("\\\\")
            case "\n": append("\\n")
            case "\r": append("\\r")
            case "\t": append("\\t")
            case "\u{08}": append("\\b")
            case "\u{0C}": append("\\f")
            case "/" where options.escapeSlash: append("\\/")
            default:
                // (A `where` after a list of patterns would guard only the last one.)
                let html = scalar == "<" || scalar == ">" || scalar == "&"
                let separator = scalar == "\u{2028}" || scalar == "\u{2029}"
                if scalar.value < 0x20 || (html && options.escapeHTML) || (separator && options.escapeLineSeparators) {
                    unicodeEscape(UInt16(scalar.value))
                } else if scalar.value >= 0x80 && options.escapeNonASCII {
                    for unit in String(scalar).utf16 { unicodeEscape(unit) }
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ unit: UInt16) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hex[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
