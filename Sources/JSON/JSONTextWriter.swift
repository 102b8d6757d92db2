/// One JSON value's text, already written: compact, exactly as `JSONSerializer` (default
/// options, non-finite numbers as `null`) writes the equivalent `JSONValue`. A large result
/// (a file's semantic tokens, its outline) travels as text and never exists as a tree.
public struct JSONFragment: Sendable, Equatable {
    /// The text in pieces: a large one in pieces of about `JSONTextWriter.chunkBytes`, so it
    /// was never one array that grew by copying itself, and goes into a larger text uncopied.
    public let chunks: [[UInt8]]

    init(chunks: [[UInt8]]) { self.chunks = chunks }

    /// The number of bytes.
    public var count: Int { chunks.reduce(0) { $0 + $1.count } }

    /// The text in one array.
    public var bytes: [UInt8] { chunks.count == 1 ? chunks[0] : Array(chunks.joined()) }

    /// Equal text, however it is cut into pieces.
    public static func == (a: JSONFragment, b: JSONFragment) -> Bool { a.bytes == b.bytes }

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
    /// Pieces written before `writer.output`, each at least `chunkBytes`.
    private var chunks: [[UInt8]] = []
    /// Where the text is cut into pieces.
    public static let chunkBytes = 256 << 10
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
        wrote()
    }

    public mutating func int(_ value: Int) {
        separate()
        writer.writeInt(Int64(value))
        wrote()
    }

    /// A whole tree (a small part of a large result).
    public mutating func value(_ value: JSONValue) {
        separate()
        // Non-finite numbers are written as null: the writer cannot throw.
        try? writer.write(value, level: 0)
        wrote()
    }

    /// Text written before, as it is: a small one copied, the pieces of a large one taken over.
    public mutating func fragment(_ fragment: JSONFragment) {
        separate()
        if fragment.count < Self.chunkBytes {
            for chunk in fragment.chunks { writer.output.append(contentsOf: chunk) }
        } else {
            if !writer.output.isEmpty { chunks.append(writer.output) }
            chunks += fragment.chunks.filter { !$0.isEmpty }
            writer.output = []
        }
        wrote()
    }

    /// Hands over the full pieces written so far (each about `chunkBytes`) and forgets them;
    /// the writer goes on where it was. A large text is written out as it is made, and
    /// `finish()` then gives the rest.
    public mutating func takePieces(_ body: ([UInt8]) -> Void) {
        guard !chunks.isEmpty else { return }
        for chunk in chunks { body(chunk) }
        chunks = []
    }

    /// The text written (one value, when the nesting was balanced), each piece in storage
    /// of its size: a piece grew by doubling or was reserved for a full one, and a kept
    /// text (an open document's diagnostics) held up to twice its bytes.
    public consuming func finish() -> JSONFragment {
        let pieces = writer.output.isEmpty && !chunks.isEmpty ? chunks : chunks + [writer.output]
        return JSONFragment(chunks: pieces.map { $0.capacity - $0.count > $0.count / 8 + 64 ? Self.copyOfItsSize($0) : $0 })
    }

    /// `bytes` in new storage of their count (`Array(bytes[...])` would share the old).
    private static func copyOfItsSize(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { copy, count in
            bytes.withUnsafeBufferPointer { source in
                if let from = source.baseAddress, let to = copy.baseAddress { to.initialize(from: from, count: source.count) }
            }
            count = bytes.count
        }
    }

    /// After a value: a full piece is set aside and the next one starts.
    private mutating func wrote() {
        needsComma = true
        guard writer.output.count >= Self.chunkBytes else { return }
        chunks.append(writer.output)
        writer.output = []
        writer.output.reserveCapacity(Self.chunkBytes + Self.chunkBytes / 8)
    }

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
        wrote()
    }
}
