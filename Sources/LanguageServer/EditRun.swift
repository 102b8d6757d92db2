import JSON
import YAMLSyntax

/// Range edits of one didChange gathered to be made together. Each edit is given on the
/// text the ones before it left, but a run holds only edits that can be put in the offsets
/// of the text it started from (`base`):
/// - sent last first (VS Code's multi-cursor edits and replace-all): each range ends before
///   the start of the one before it, so none moved the text the next one is in;
/// - sent first first (Neovim's): each starts on a line after the one where the last one's
///   new text ends, so it is on a line of `base`, moved by the lines the edits added.
///
/// Made one at a time, each edit moved the rest of the text and its line table: 10,000 of
/// them in an 11 MB document took six seconds.
struct EditRun {
    /// The text the run started from: every range is in its offsets.
    private(set) var base: SourceText
    /// As sent.
    private var edits: [(range: TextRange, replacement: [UInt8])] = []
    private enum Order { case lastFirst, firstFirst }
    private var order: Order?
    /// For edits sent first first: the edited text's lines minus `base`'s,
    private var addedLines = 0
    /// the line of the edited text where the last edit's new text ends,
    private var lastEditLine = 0
    /// and whether every edit kept the line breaks around it as they were (no CR and LF
    /// brought together or parted): only then do lines after the last edit map to `base`'s.
    private var linesMap = true

    /// From this many edits, one pass and a scan of the whole text cost less than making
    /// them one by one (each a move of the text after it).
    static let madeInOnePass = 8

    init(_ base: SourceText) { self.base = base }

    /// Adds an edit of the LSP range `positions`; false when it cannot be put in `base`'s
    /// offsets (make the run and start another from its text). The first edit always can.
    @discardableResult
    mutating func add(_ positions: (start: TextPosition, end: TextPosition), _ replacement: [UInt8],
                      conversion: PositionConversion) -> Bool {
        let base = self.base
        let inBase = { conversion.byteRange($0) { base.offset(of: $0, encoding: conversion.encoding) } }
        guard let previous = edits.last?.range else {
            append(inBase(positions), replacement)
            return true
        }
        // Strictly before: a position past its line's end is clamped to it, and in `base`
        // that end may be where the last edit put text the position is in.
        if order != .firstFirst, case let converted = inBase(positions), converted.end < previous.start {
            order = .lastFirst
            edits.append((converted, replacement))
            return true
        }
        if order != .lastFirst, linesMap, let moved = onBaseLines(positions),
           case let converted = inBase(moved), converted.start >= previous.end {
            order = .firstFirst
            append(converted, replacement)
            return true
        }
        return false
    }

    /// The text with every edit made. The run hands its text over (it is left empty), so
    /// that the edits are made in place when no one else holds the text: a copy of a
    /// 50 MB text for each edit of a run of one made 1,000 such runs take 16 s.
    mutating func made() -> SourceText {
        var text = SourceText(bytes: [])
        swap(&text, &base)
        if edits.count >= Self.madeInOnePass {
            return text.replacing(descending: order == .firstFirst ? edits.reversed() : edits)
        }
        // From the last in the text to the first: each in `base`'s offsets still.
        for edit in order == .firstFirst ? edits.reversed() : edits {
            text.replace(edit.range, with: edit.replacement)  // in place after the first
        }
        return text
    }

    /// The text with every edit made, in a `ChunkedText` made from the run's text (handed
    /// over, not copied first: a 50 MB document would be held three times).
    mutating func madeInChunks(chunkSize: Int) -> ChunkedText {
        var text = SourceText(bytes: [])
        swap(&text, &base)
        var chunked = ChunkedText(text.bytes, chunkSize: chunkSize)
        // From the last in the text to the first: each in `base`'s offsets still.
        for edit in order == .firstFirst ? edits.reversed() : edits {
            chunked.replace(edit.range, with: edit.replacement)
        }
        return chunked
    }

    /// The positions on the lines of `base`, when both are on lines after the last edit.
    private func onBaseLines(_ p: (start: TextPosition, end: TextPosition)) -> (start: TextPosition, end: TextPosition)? {
        guard p.start.line > lastEditLine, p.end.line > lastEditLine else { return nil }
        return (TextPosition(line: p.start.line - addedLines, column: p.start.column),
                TextPosition(line: p.end.line - addedLines, column: p.end.column))
    }

    private mutating func append(_ range: TextRange, _ replacement: [UInt8]) {
        edits.append((range, replacement))
        let startLine = base.line(containing: range.start), endLine = base.line(containing: range.end)
        let breaks = Self.lineBreaks(in: replacement)
        lastEditLine = startLine + addedLines + breaks
        addedLines += breaks - (endLine - startLine)
        linesMap = linesMap && keepsLineBreaks(range, replacement)
    }

    /// False when a CR and an LF may meet or part at the edit's ends (one line break
    /// becoming two, or two one).
    private func keepsLineBreaks(_ range: TextRange, _ replacement: [UInt8]) -> Bool {
        let bytes = base.bytes, cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        if range.start > 0 && bytes[range.start - 1] == cr { return false }
        guard range.end < bytes.count && bytes[range.end] == lf else { return true }
        let before = replacement.last ?? (range.start > 0 ? bytes[range.start - 1] : 0)
        return before != cr && !(range.end > range.start && bytes[range.end - 1] == cr)
    }

    /// Line breaks in `bytes`: LF, CRLF and a lone CR each one.
    static func lineBreaks(in bytes: some Collection<UInt8>) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for b in bytes {
            // A CR counts at once; the LF after it then does not.
            if b == UInt8(ascii: "\r") || (b == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) { count += 1 }
            previous = b
        }
        return count
    }
}

/// One didChange's range edits made every way, for the fuzz target: together (`EditRun`),
/// together in a `ChunkedText` of small chunks from the first edit not gathered, and one
/// per didChange. The texts must be the same.
public enum EditAgreement {
    /// `changes`: LSP ranges as (start line, start character, end line, end character) and
    /// their new text. nil when the document store refuses them.
    public static func texts(_ text: String, _ changes: [(range: (Int, Int, Int, Int), text: String)],
                             encoding: PositionEncoding, chunkSize: Int = 5)
        -> (together: SourceText, chunked: SourceText, oneByOne: SourceText)? {
        let conversion = PositionConversion(encoding: encoding)
        let json: [JSONValue] = changes.map { change in
            let (l1, c1, l2, c2) = change.range
            return ["range": ["start": ["line": .int(Int64(l1)), "character": .int(Int64(c1))],
                              "end": ["line": .int(Int64(l2)), "character": .int(Int64(c2))]],
                    "text": .string(change.text)]
        }
        var together = DocumentStore(), chunked = DocumentStore(), oneByOne = DocumentStore()
        chunked.chunkedFrom = 0
        chunked.chunkSize = chunkSize
        _ = together.open(uri: "u", languageId: "yaml", version: 0, text: text)
        _ = chunked.open(uri: "u", languageId: "yaml", version: 0, text: text)
        _ = oneByOne.open(uri: "u", languageId: "yaml", version: 0, text: text)
        do {
            try together.change(uri: "u", version: 1, changes: json, conversion: conversion)
            try chunked.change(uri: "u", version: 1, changes: json, conversion: conversion)
            for (k, change) in json.enumerated() {
                try oneByOne.change(uri: "u", version: 1 + k, changes: [change], conversion: conversion)
            }
        } catch {
            return nil
        }
        guard let a = together["u"]?.source, let b = chunked["u"]?.source, let c = oneByOne["u"]?.source else { return nil }
        return (a, b, c)
    }
}
