import OrderedCollections

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Accepts exactly the JSON grammar (no comments, no trailing commas, no leading `+` or
/// zeros, no `NaN`, no unescaped control characters, no byte order mark, nothing after the
/// value). Integers without fraction or exponent that fit `Int64` become `.int`; every
/// other number becomes `.double`. Errors carry the exact byte offset.
public struct JSONParser: Sendable {
    public enum DuplicateKeys: Sendable, Hashable {
        /// Keep the last value, at the position of the first key (Go's behaviour).
        case useLast
        /// Reject the document.
        case reject
    }

    public struct Options: Sendable, Hashable {
        /// Deepest nesting of arrays and objects accepted.
        public var maxDepth: Int
        /// Largest input accepted, in bytes.
        public var maxBytes: Int
        public var duplicateKeys: DuplicateKeys
        /// A string with escapes whose text runs at least this many bytes is decoded straight
        /// into the String's storage (a didOpen of a 50 MB file: one copy of the text instead
        /// of a scratch buffer grown by doubling and then copied).
        public var directDecodeBytes: Int
        public init(maxDepth: Int = 512, maxBytes: Int = 256 << 20, duplicateKeys: DuplicateKeys = .useLast,
                    directDecodeBytes: Int = 4 << 20) {
            self.maxDepth = maxDepth; self.maxBytes = maxBytes; self.duplicateKeys = duplicateKeys
            self.directDecodeBytes = directDecodeBytes
        }
    }

    public var options: Options
    public init(options: Options = .init()) { self.options = options }

    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in try parse(buffer) }
    }

    /// Parses bytes where they lie (an embedded blob, a mapped file), without a copy.
    public func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(buffer: buffer, options: options)
        return try reader.document()
    }

    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The members of the object `buffer` holds, each with the byte range of its value, in
    /// the order written. Every value is checked as `parse` checks it (with the same errors),
    /// but none is kept: a caller parses the ones it needs, when it needs them.
    public func members(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [(key: String, value: Range<Int>)] {
        var reader = JSONReader(buffer: buffer, options: options)
        return try reader.memberRanges()
    }

    /// Parses with the default options.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(bytes)
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(text)
    }
}

/// The recursive-descent reader behind `JSONParser`; lives only for one `parse` call.
private struct JSONReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let options: JSONParser.Options
    var index = 0
    /// Where strings with escapes are decoded, reused by every string of the document.
    let decoded = ScratchBytes()

    init(buffer: UnsafeBufferPointer<UInt8>, options: JSONParser.Options) {
        self.buffer = buffer; self.options = options
    }

    mutating func document() throws(JSONParseError) -> JSONValue {
        guard buffer.count <= options.maxBytes else {
            throw error(.sizeLimitExceeded(options.maxBytes), at: 0)
        }
        skipWhitespace()
        let value = try value(depth: 0)
        skipWhitespace()
        if index < buffer.count {
            throw error(.invalidCharacter(buffer[index], context: "after top-level value"), at: index)
        }
        return value
    }

    /// The top-level object's members, as `JSONParser.members` describes.
    mutating func memberRanges() throws(JSONParseError) -> [(key: String, value: Range<Int>)] {
        guard buffer.count <= options.maxBytes else {
            throw error(.sizeLimitExceeded(options.maxBytes), at: 0)
        }
        skipWhitespace()
        guard try peek(context: "looking for beginning of value") == UInt8(ascii: "{") else {
            throw error(.invalidCharacter(buffer[index], context: "looking for beginning of object"), at: index)
        }
        var ranges: [(key: String, value: Range<Int>)] = []
        var seen: Set<String> = []
        try members(depth: 1) { (reader, key, keyStart) throws(JSONParseError) in
            if !seen.insert(key).inserted && reader.options.duplicateKeys == .reject {
                throw reader.error(.duplicateKey(key), at: keyStart)
            }
            let start = reader.index
            try reader.skipValue(depth: 1)
            ranges.append((key, start..<reader.index))
        }
        skipWhitespace()
        if index < buffer.count {
            throw error(.invalidCharacter(buffer[index], context: "after top-level value"), at: index)
        }
        return ranges
    }

    // MARK: values

    private mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case let byte:
            throw error(.invalidCharacter(byte, context: "looking for beginning of value"), at: index)
        }
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        var members = OrderedDictionary<String, JSONValue>()
        try self.members(depth: depth) { (reader, key, keyStart) throws(JSONParseError) in
            let member = try reader.value(depth: depth)
            if members[key] != nil && reader.options.duplicateKeys == .reject {
                throw reader.error(.duplicateKey(key), at: keyStart)
            }
            members[key] = member
        }
        return .object(members)
    }

    /// Reads an object from its `{` to past its `}`: each key, then `member` reads the value
    /// (given the key and where it starts).
    private mutating func members(
        depth: Int, _ member: (inout JSONReader, String, Int) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        try checkDepth(depth)
        index += 1  // {
        skipWhitespace()
        if try peek(context: "looking for beginning of object key string") == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let keyStart = index
            guard try peek(context: "looking for beginning of object key string") == UInt8(ascii: "\"") else {
                throw error(.invalidCharacter(buffer[index], context: "looking for beginning of object key string"), at: index)
            }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), context: "after object key")
            skipWhitespace()
            try member(&self, key, keyStart)
            skipWhitespace()
            let next = try peek(context: "after object key:value pair")
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else {
                throw error(.invalidCharacter(next, context: "after object key:value pair"), at: index - 1)
            }
            skipWhitespace()
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        var items: [JSONValue] = []
        try elements(depth: depth) { (reader) throws(JSONParseError) in items.append(try reader.value(depth: depth)) }
        return .array(items)
    }

    /// Reads an array from its `[` to past its `]`, `element` reading each value.
    private mutating func elements(depth: Int, _ element: (inout JSONReader) throws(JSONParseError) -> Void) throws(JSONParseError) {
        try checkDepth(depth)
        index += 1  // [
        skipWhitespace()
        if try peek(context: "looking for beginning of value") == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            let next = try peek(context: "after array element")
            index += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else {
                throw error(.invalidCharacter(next, context: "after array element"), at: index - 1)
            }
            skipWhitespace()
        }
    }

    /// Reads past a value, checking it as `value` does, without making it.
    private mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
        switch buffer[index] {
        case UInt8(ascii: "{"): try members(depth: depth + 1) { (reader, _, _) throws(JSONParseError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try elements(depth: depth + 1) { (reader) throws(JSONParseError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            index += 1
            _ = try scanString()
        default: _ = try value(depth: depth)  // a number or a literal: nothing allocated
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (k, byte) in expected.enumerated() {
            guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
            guard buffer[index] == byte else {
                let context = k == 0 ? "looking for beginning of value"
                    : "in literal \(word) (expecting \(JSONParseError.quote(byte)))"
                throw error(.invalidCharacter(buffer[index], context: context), at: index)
            }
            index += 1
        }
    }

    // MARK: numbers

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var integral = true
        if buffer[index] == UInt8(ascii: "-") {
            index += 1
            try requireDigit(context: "in numeric literal")
        }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        if index < buffer.count && buffer[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            try requireDigit(context: "after decimal point in numeric literal")
            skipDigits()
        }
        if index < buffer.count && (buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E")) {
            integral = false
            index += 1
            if index < buffer.count && (buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-")) {
                index += 1
            }
            try requireDigit(context: "in exponent of numeric literal")
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        if integral, let int = Int64(text) { return .int(int) }
        guard let double = Double(text), double.isFinite else {
            throw error(.numberOutOfRange(text), at: start)
        }
        return .double(double)
    }

    private mutating func requireDigit(context: String) throws(JSONParseError) {
        guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
        guard isDigit(buffer[index]) else {
            throw error(.invalidCharacter(buffer[index], context: context), at: index)
        }
    }

    private mutating func skipDigits() {
        while index < buffer.count && isDigit(buffer[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: strings

    /// Reads a string starting at its opening quote.
    private mutating func string() throws(JSONParseError) -> String {
        index += 1  // "
        let contentStart = index
        if buffer.count - contentStart >= options.directDecodeBytes, let quote = closingQuote(from: contentStart),
           quote - contentStart >= options.directDecodeBytes {
            return try directlyDecodedString(contentStart: contentStart, end: quote)
        }
        guard try scanString() else {
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[contentStart..<index - 1]), as: UTF8.self)
        }
        return decoded.string()
    }

    /// A long string decoded straight into the String's storage, which its source length
    /// bounds (escapes only shrink): no scratch buffer grown by doubling, no second copy.
    private mutating func directlyDecodedString(contentStart: Int, end: Int) throws(JSONParseError) -> String {
        var failure: JSONParseError?
        let text = String(unsafeUninitializedCapacity: end - contentStart) { out in
            decoded.borrow(out)
            defer { decoded.endBorrow() }
            do throws(JSONParseError) {
                if try scanString() { return decoded.count }
                // No escapes: the source bytes as they are.
                return out.initialize(fromContentsOf: UnsafeBufferPointer(rebasing: buffer[contentStart..<end]))
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return text
    }

    /// Where the string whose content starts at `start` ends (its closing quote), escapes
    /// skipped; nil when it does not end. The bytes are checked later, by `scanString`.
    private func closingQuote(from start: Int) -> Int? {
        var i = start
        while i < buffer.count {
            i = skipPlainWords(from: i).index
            guard i < buffer.count else { return nil }
            switch buffer[i] {
            case UInt8(ascii: "\""): return i
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return nil
    }

    /// Skips eight plain ASCII bytes (no quote, backslash or control character) at a time
    /// from `start`: a document's text is one long string. The word holding the next special
    /// byte says where it is (little-endian): straight to it. Returns where to go on, and up
    /// to where the bytes must then be read one by one.
    private func skipPlainWords(from start: Int) -> (index: Int, bytewiseUntil: Int) {
        var i = start
        var marks: UInt64 = 0
        while i + 8 <= buffer.count {
            marks = ByteWord.jsonStringSpecials(ByteWord.load(buffer, at: i))
            if marks != 0 { break }
            i += 8
        }
        #if _endian(little)
        if marks != 0 {
            i += ByteWord.firstMarked(marks)
            return (i, i + 1)
        }
        #endif
        return (i, i + 8)
    }

    /// Reads a string's content up to and past its closing quote; true when it had escapes
    /// (its decoded bytes are then in `decoded`).
    private mutating func scanString() throws(JSONParseError) -> Bool {
        // Runs without escapes are copied in one piece; a string without escapes is made
        // from the buffer directly.
        var escaped = false
        var runStart = index
        // Bytes before this go through the switch below one by one.
        var bytewiseUntil = index
        while true {
            if index >= bytewiseUntil { (index, bytewiseUntil) = skipPlainWords(from: index) }
            guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
            let byte = buffer[index]
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeBufferPointer(rebasing: buffer[runStart..<index])
                index += 1
                if escaped { decoded.append(run) }
                return escaped
            case UInt8(ascii: "\\"):
                if !escaped { escaped = true; decoded.removeAll() }
                decoded.append(UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
                // A document's line breaks: most escapes in a didOpen.
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "n") {
                    decoded.append(0x0A)
                    index += 2
                } else {
                    try escape()
                }
                runStart = index
            case 0x00..<0x20:
                throw error(.invalidCharacter(byte, context: "in string literal"), at: index)
            case 0x20..<0x80:
                index += 1
            default:
                let length = scalarLength(at: index)
                guard length > 0 else { throw error(.invalidUTF8, at: index) }
                index += length
            }
        }
    }

    /// Decodes one escape sequence starting at its backslash.
    private mutating func escape() throws(JSONParseError) {
        index += 1
        guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
        let byte = buffer[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate pairs with an immediately following `\uDC00-\uDFFF`.
                if index + 1 < buffer.count && buffer[index] == UInt8(ascii: "\\") && buffer[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    index += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = save
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                // Lone surrogates are legal JSON but not Unicode: Go substitutes U+FFFD too.
                scalar = 0xFFFD
            }
            UTF8.encode(UnicodeScalar(scalar) ?? "\u{FFFD}") { [decoded] in decoded.append($0) }
        default:
            throw error(.invalidEscape(byte), at: index - 1)
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
            let byte = buffer[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidCharacter(byte, context: "in \\u hexadecimal character escape"), at: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Length (2...4) of the well-formed multi-byte UTF-8 sequence at `i`, or 0.
    private func scalarLength(at i: Int) -> Int {
        let n = buffer.count
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < n && buffer[i + k] >= low && buffer[i + k] <= high
        }
        switch buffer[i] {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    // MARK: helpers

    private mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek(context: String) throws(JSONParseError) -> UInt8 {
        guard index < buffer.count else { throw error(.unexpectedEnd, at: index) }
        return buffer[index]
    }

    private mutating func expect(_ byte: UInt8, context: String) throws(JSONParseError) {
        let found = try peek(context: context)
        guard found == byte else { throw error(.invalidCharacter(found, context: context), at: index) }
        index += 1
    }

    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth > options.maxDepth { throw error(.depthLimitExceeded(options.maxDepth), at: index) }
    }

    private func error(_ reason: JSONParseError.Reason, at offset: Int) -> JSONParseError {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, buffer.count) where buffer[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return JSONParseError(reason: reason, offset: offset, line: line, column: offset - lineStart + 1)
    }
}
