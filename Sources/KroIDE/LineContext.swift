import YAMLSyntax

/// The YAML context of a cursor read from indentation, so it works on the half-written
/// lines an author is typing (`    ima` under `containers: - name: web`), where the parsed
/// tree has no node yet: the keys from the document root, and whether the cursor is on a
/// key or in a key's value.
struct LineContext {
    /// Keys from the document root to the mapping the cursor's line belongs to; `-` for a
    /// sequence item.
    var parents: [String]
    /// The key of the cursor's line when the cursor is in its value.
    var key: String?
    /// The text before the cursor: of the value (after `key:`), or of the key being typed.
    var typed: String
    /// The range of the word being typed (what a completion replaces).
    var replace: TextRange
    /// The keys already present at the cursor's level, with their scalar values as written.
    var siblings: [String: String]

    init?(source: SourceText, offset: Int) {
        let bytes = source.bytes
        let line = source.line(containing: offset)
        let lineStart = source.lineRange(line).start
        let before = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        guard !before.contains("#") else { return nil }
        var content = Substring(before)
        var column = 0
        while content.first == " " { content = content.dropFirst(); column += 1 }
        var parents: [String] = []
        // A new sequence item on this line: its content starts after "- ".
        var itemDash: Int?
        if content.hasPrefix("- ") {
            itemDash = column
            content = content.dropFirst(2)
            column += 2
            while content.first == " " { content = content.dropFirst(); column += 1 }
        }
        if let colon = Self.keyColon(content) {
            self.key = String(content[..<colon]).trimmingWhitespace()
            self.typed = String(content[content.index(after: colon)...]).drop { $0 == " " }.description
        } else {
            self.key = nil
            self.typed = String(content)
        }
        var wordStart = offset
        while wordStart > lineStart, Self.isWordByte(bytes[wordStart - 1]) { wordStart -= 1 }
        self.replace = TextRange(start: wordStart, end: offset)

        let lines = Self.precedingLines(source, before: line)
        var level = column
        // Whether `level` is a sequence's dash column: the key holding the sequence may then
        // stand at that same column (`resources:` over `- id: …`, the style most RGDs use).
        var levelIsDash = false
        if let dash = itemDash { parents.append("-"); (level, levelIsDash) = (dash, true) }
        for l in lines {
            guard let shape = Self.shape(l) else { continue }
            if let key = shape.key, shape.keyColumn < level || (levelIsDash && shape.dash == nil && shape.keyColumn == level) {
                parents.append(key)
                if let dash = shape.dash {
                    parents.append("-")
                    (level, levelIsDash) = (dash, true)
                } else {
                    (level, levelIsDash) = (shape.keyColumn, false)
                }
            } else if let dash = shape.dash, dash < level {
                parents.append("-")
                (level, levelIsDash) = (dash, true)
            }
            if level == 0 && !levelIsDash { break }
        }
        self.parents = parents.reversed()
        self.siblings = Self.siblings(source, line: line, column: column)
    }

    /// The `:` that ends a key (followed by a space or the end), outside quotes.
    static func keyColon(_ s: Substring) -> Substring.Index? {
        guard let first = s.first, first != "\"", first != "'", first != "{", first != "[" else { return nil }
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == ":" {
                let next = s.index(after: i)
                if next == s.endIndex || s[next] == " " { return i }
            }
            i = s.index(after: i)
        }
        return nil
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
    }

    /// One line's layout: the dash of a sequence item, the key and its column, the value.
    struct Shape { var dash: Int?; var key: String?; var keyColumn: Int; var value: String? }

    static func shape(_ line: Substring) -> Shape? {
        var content = line
        var column = 0
        while content.first == " " { content = content.dropFirst(); column += 1 }
        guard let first = content.first, first != "#" else { return nil }
        if content.hasPrefix("---") || content.hasPrefix("...") { return nil }
        var dash: Int?
        if content == "-" || content.hasPrefix("- ") {
            dash = column
            content = content.dropFirst(content == "-" ? 1 : 2)
            column += 2
            while content.first == " " { content = content.dropFirst(); column += 1 }
        }
        guard let colon = keyColon(content) else { return Shape(dash: dash, key: nil, keyColumn: column, value: nil) }
        let key = content[..<colon].trimmingWhitespace().trimmingScalars { $0 == "\"" || $0 == "'" }
        let value = content[content.index(after: colon)...].trimmingWhitespace()
        return Shape(dash: dash, key: key, keyColumn: column, value: value)
    }

    /// The lines above `line`, nearest first, up to the start of the YAML document.
    static func precedingLines(_ source: SourceText, before line: Int) -> [Substring] {
        var out: [Substring] = []
        var l = line - 1
        while l >= 0 {
            let text = lineText(source, l)
            if text.hasPrefix("---") { break }
            out.append(text)
            l -= 1
        }
        return out
    }

    static func lineText(_ source: SourceText, _ line: Int) -> Substring {
        var text = Substring(source.string(in: source.lineRange(line)))
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return text
    }

    /// The keys at `column` in the block around `line` (stopping at shallower lines).
    static func siblings(_ source: SourceText, line: Int, column: Int) -> [String: String] {
        var found: [String: String] = [:]
        for step in [-1, 1] {
            var l = line + step
            while l >= 0, l < source.lineCount {
                let text = lineText(source, l)
                if text.hasPrefix("---") { break }
                if let shape = shape(text) {
                    if shape.keyColumn < column && (shape.dash == nil || shape.dash! < column - 2) { break }
                    if shape.keyColumn == column, let key = shape.key { found[key] = shape.value ?? "" }
                    // A new item of the same sequence starts another mapping.
                    if step == 1, let dash = shape.dash, dash + 2 == column { break }
                    if step == -1, let dash = shape.dash, dash + 2 == column {
                        if let key = shape.key { found[key] = shape.value ?? "" }
                        break
                    }
                }
                l += step
            }
        }
        return found
    }
}
