import YAMLSyntax

/// A checked file as the output formats see it: the path to print and its text, with
/// the tables that turn byte offsets into every position the formats print.
struct CheckedFile: Sendable {
    /// The path as given on the command line (or found under a given directory).
    let path: String
    let source: SourceText
    /// UTF-16 offset of each line start (nil for ASCII text, where it equals the byte offset).
    private let utf16LineStarts: [Int]?

    init(path: String, source: SourceText) {
        self.path = path
        self.source = source
        if source.isASCII {
            utf16LineStarts = nil
        } else {
            var starts = [0]
            let lineStarts = source.lineStarts + [source.count]
            for line in 0..<source.lineCount {
                let bytes = source.bytes[lineStarts[line]..<lineStarts[line + 1]]
                starts.append(starts[line] + String(decoding: bytes, as: UTF8.self).utf16.count)
            }
            utf16LineStarts = starts
        }
    }

    /// Every way the formats name a place in the file.
    struct Position: Sendable, Hashable {
        /// 1-based line.
        var line: Int
        /// 1-based column counted in Unicode scalars (text, json, github).
        var column: Int
        /// 1-based column counted in UTF-16 code units (SARIF's default `columnKind`).
        var utf16Column: Int
        /// 0-based offsets from the start of the file.
        var byteOffset: Int
        var utf16Offset: Int
    }

    func position(of offset: Int) -> Position {
        let scalar = source.position(of: offset, encoding: .unicodeScalars)
        let utf16 = source.position(of: offset, encoding: .utf16)
        let lineStart = utf16LineStarts?[utf16.line] ?? source.lineStarts[utf16.line]
        return Position(line: scalar.line + 1, column: scalar.column + 1, utf16Column: utf16.column + 1,
                        byteOffset: min(max(offset, 0), source.count), utf16Offset: lineStart + utf16.column)
    }
}
