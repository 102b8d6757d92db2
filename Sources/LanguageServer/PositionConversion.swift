import JSON
import YAMLSyntax

/// LSP positions (line, character in the negotiated encoding) ↔ UTF-8 byte offsets.
struct PositionConversion: Sendable {
    let encoding: PositionEncoding

    /// The LSP name of the encoding (`positionEncoding` capability).
    var name: String { encoding == .utf8 ? "utf-8" : encoding == .unicodeScalars ? "utf-32" : "utf-16" }

    func position(_ offset: Int, in source: SourceText) -> JSONValue {
        let p = source.position(of: offset, encoding: encoding)
        return ["line": .int(Int64(p.line)), "character": .int(Int64(p.column))]
    }

    func range(_ range: TextRange, in source: SourceText) -> JSONValue {
        ["start": position(range.start, in: source), "end": position(range.end, in: source)]
    }

    /// `position(_:in:)` written as text.
    func write(position offset: Int, in source: SourceText, to writer: inout JSONTextWriter) {
        let p = source.position(of: offset, encoding: encoding)
        writer.beginObject()
        writer.key("line")
        writer.int(p.line)
        writer.key("character")
        writer.int(p.column)
        writer.endObject()
    }

    /// `range(_:in:)` written as text.
    func write(range: TextRange, in source: SourceText, to writer: inout JSONTextWriter) {
        writer.beginObject()
        writer.key("start")
        write(position: range.start, in: source, to: &writer)
        writer.key("end")
        write(position: range.end, in: source, to: &writer)
        writer.endObject()
    }

    /// An LSP position as read; nil when malformed.
    static func textPosition(_ position: JSONValue?) -> TextPosition? {
        guard let line = position?["line"]?.intValue, let character = position?["character"]?.intValue else { return nil }
        return TextPosition(line: line, column: character)
    }

    /// An LSP range's two positions as read (not put in order); nil when malformed.
    static func positions(_ range: JSONValue?) -> (start: TextPosition, end: TextPosition)? {
        guard let start = textPosition(range?["start"]), let end = textPosition(range?["end"]) else { return nil }
        return (start, end)
    }

    /// The byte offset of an LSP position, clamped into the text; nil when malformed.
    func offset(_ position: JSONValue?, in source: SourceText) -> Int? {
        Self.textPosition(position).map { source.offset(of: $0, encoding: encoding) }
    }

    /// A byte range of an LSP range (start ≤ end, clamped); nil when malformed.
    func byteRange(_ range: JSONValue?, in source: SourceText) -> TextRange? {
        Self.positions(range).map { byteRange($0) { source.offset(of: $0, encoding: encoding) } }
    }

    /// The byte range between two positions, start ≤ end, each placed by `offset`.
    func byteRange(_ positions: (start: TextPosition, end: TextPosition), offset: (TextPosition) -> Int) -> TextRange {
        let (start, end) = (offset(positions.start), offset(positions.end))
        return TextRange(start: min(start, end), end: max(start, end))
    }
}

extension JSONValue {
    /// An integer value that fits `Int` (JSON-RPC numbers may arrive as integral doubles).
    var intValue: Int? {
        switch self {
        case .int(let i): return Int(exactly: i)
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

extension JSONValue {
    /// Sets a member of an object (no effect on other values).
    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        members[key] = value
        self = .object(members)
    }
}
