/// Why a JSON text was rejected, and exactly where.
///
/// `message` follows the wording of Go's `encoding/json` (what kro and the API server say),
/// so a finding reads the same as upstream; `offset` is the UTF-8 byte offset of the
/// offending byte (the input's length for an unexpected end).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot appear here; `context` says what was expected.
        case invalidCharacter(UInt8, context: String)
        /// A `\` escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
        case invalidEscape(UInt8)
        /// Bytes inside a string that are not well-formed UTF-8.
        case invalidUTF8
        /// A number whose magnitude does not fit a 64-bit float.
        case numberOutOfRange(String)
        /// Nesting deeper than the parser's limit.
        case depthLimitExceeded(Int)
        /// The input is larger than the parser's limit.
        case sizeLimitExceeded(Int)
        /// The same object key twice (only when duplicates are rejected).
        case duplicateKey(String)
    }

    public var reason: Reason
    /// UTF-8 byte offset of the problem in the input.
    public var offset: Int
    /// 1-based line and byte column of `offset`, for people.
    public var line: Int
    public var column: Int

    public init(reason: Reason, offset: Int, line: Int, column: Int) {
        self.reason = reason; self.offset = offset; self.line = line; self.column = column
    }

    public var message: String {
        switch reason {
        case .unexpectedEnd: return "unexpected end of JSON input"
        case .invalidCharacter(let byte, let context):
            return "invalid character \(Self.quote(byte)) \(context)"
        case .invalidEscape(let byte):
            return "invalid character \(Self.quote(byte)) in string escape code"
        case .invalidUTF8: return "invalid UTF-8 in string literal"
        case .numberOutOfRange(let text): return "number \(text) is out of range"
        case .depthLimitExceeded(let limit): return "exceeded max depth of \(limit)"
        case .sizeLimitExceeded(let limit): return "input exceeds the size limit of \(limit) bytes"
        case .duplicateKey(let key): return "duplicate key \"\(key)\""
        }
    }

    public var description: String { "\(line):\(column): \(message)" }

    /// Go's `quoteChar`: printable ASCII in single quotes, everything else as an escape.
    static func quote(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case UInt8(ascii: "\\"): return "'\\\\'"
        case 0x07: return "'\\a'"
        case 0x08: return "'\\b'"
        case 0x09: return "'\\t'"
        case 0x0A: return "'\\n'"
        case 0x0B: return "'\\v'"
        case 0x0C: return "'\\f'"
        case 0x0D: return "'\\r'"
        case 0x20..<0x7F: return "'" + String(UnicodeScalar(byte)) + "'"
        default:
            let hex = String(byte, radix: 16, uppercase: false)
            return "'\\x" + (hex.count == 1 ? "0" + hex : hex) + "'"
        }
    }
}
