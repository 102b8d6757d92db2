/// One JSON value's text, already written: compact, exactly as `JSONSerializer` (default
/// options, non-finite numbers as `null`) writes the equivalent `JSONValue`. A large result
/// (a file's semantic tokens, its outline) travels as text and never exists as a tree.
public struct JSONFragment: Sendable, Hashable {
    public let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The text of a tree.
    public init(_ value: JSONValue) {
        var writer = JSONTextWriter()
        writer.value(value)
        self = writer.finish()
    }
}

/// Writes compact JSON text value by value, without a `JSONValue` tree: the bytes are those
/// `JSONSerializer` writes for the same tree with default options and non-finite numbers as
/// `null` (the same escapes and number text; the same writer writes them). Commas go in by
/// themselves; the caller keeps the nesting balanced and puts a `key` before each object
/// member's value.
public struct JSONTextWriter {
    private var writer: JSONWriter
    /// A value or a member was written at this level: the next one needs a comma.
    private var needsComma = false

    public init(capacity: Int = 256) {
        writer = JSONWriter(options: .init(nonFiniteNumbers: .null), capacity: capacity)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// An object member's name; its value is what is written next.
    public mutating func key(_ name: String) {
        separate()
        writer.writeString(name)
        writer.output.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        writer.writeString(value)
        needsComma = true
    }

    public mutating func int(_ value: Int) {
        separate()
        writer.writeInt(Int64(value))
        needsComma = true
    }

    /// A whole tree (a small part of a large result).
    public mutating func value(_ value: JSONValue) {
        separate()
        // Non-finite numbers are written as null: the writer cannot throw.
        try? writer.write(value, level: 0)
        needsComma = true
    }

    /// Text written before, copied as it is.
    public mutating func fragment(_ fragment: JSONFragment) {
        separate()
        writer.output.append(contentsOf: fragment.bytes)
        needsComma = true
    }

    /// The text written (one value, when the nesting was balanced).
    public consuming func finish() -> JSONFragment { JSONFragment(bytes: writer.output) }

    private mutating func separate() {
        if needsComma { writer.output.append(UInt8(ascii: ",")) }
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        writer.output.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        writer.output.append(bracket)
        needsComma = true
    }
}
