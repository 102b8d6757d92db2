import LanguageServer
import YAMLSyntax

/// A didChange's range edits: made together (the document store's `EditRun`) they give the
/// text and line table that making them one per didChange gives, and both line tables are
/// those of a fresh scan of the text.
///
/// Input: a byte choosing the position encoding; the text, up to a 0xFF byte (never in
/// UTF-8); then edits of five bytes each (start line and character, end line as a step
/// from the start, end character, the length of the new text) and their new text.
enum EditFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        guard let first = input.first else { return [] }
        let encodings: [PositionEncoding] = [.utf8, .utf16, .unicodeScalars]
        let encoding = encodings[Int(first) % encodings.count]
        let rest = input.dropFirst()
        let separator = rest.firstIndex(of: 0xFF) ?? rest.endIndex
        let text = String(decoding: rest[..<separator], as: UTF8.self)
        var changes: [(range: (Int, Int, Int, Int), text: String)] = []
        var i = separator == rest.endIndex ? rest.endIndex : separator + 1
        while i + 5 <= rest.endIndex {
            let b = Array(rest[i..<i + 5])
            let line = Int(b[0] % 32)
            // Now and then an end before the start: the store takes the range the right way round.
            let endLine = b[2] >= 250 ? max(0, line - 1) : line + Int(b[2] % 3)
            let length = Int(b[4] % 16)
            let newText = rest[(i + 5)...].prefix(length)
            changes.append(((line, Int(b[1] % 40), endLine, Int(b[3] % 40)), String(decoding: newText, as: UTF8.self)))
            i += 5 + newText.count
        }
        guard let made = EditAgreement.texts(text, changes, encoding: encoding) else {
            v.expect(false, "the store refused well-formed edits")
            return v.list
        }
        v.expect(made.together.bytes == made.oneByOne.bytes,
                 "edits made together give \(made.together.text.debugDescription), one by one \(made.oneByOne.text.debugDescription)")
        v.expect(made.chunked.bytes == made.oneByOne.bytes,
                 "edits made in chunks give \(made.chunked.text.debugDescription), one by one \(made.oneByOne.text.debugDescription)")
        for source in [made.together, made.oneByOne] {
            let fresh = SourceText(bytes: source.bytes)
            v.expect(source.lineCount == fresh.lineCount && (0..<fresh.lineCount).allSatisfy { source.lineRange($0) == fresh.lineRange($0) },
                     "the line table of an edited text is not the one of a fresh scan")
        }
        return v.list
    }
}
