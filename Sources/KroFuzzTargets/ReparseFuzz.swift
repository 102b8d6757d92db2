import YAMLSyntax

/// A session of edits re-parsed against the previous tree (`YAMLParser.reparse`, which
/// splices the edited `spec.resources` item in and moves what follows, on two threads when
/// much follows) gives the tree, errors and duplicate keys of a full parse of each text.
///
/// Input: the text, up to a 0xFF byte (never in UTF-8); then edits of four bytes each (the
/// position as two bytes, the bytes deleted there, the length of the new text) and their
/// new text. An input of odd length is parsed under a node limit of 8–71 (by its length), so
/// that edits cross it.
enum ReparseFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        var limits = YAMLLimits.default
        if input.count % 2 == 1 { limits.maxNodes = 8 + input.count / 2 % 64 }
        let separator = input.firstIndex(of: 0xFF) ?? input.endIndex
        var text = Array(input[..<separator])
        var previous = YAMLParser.parse(SourceText(bytes: text), limits: limits)
        var i = separator == input.endIndex ? input.endIndex : separator + 1
        var step = 0
        while i + 4 <= input.endIndex, step < 16 {
            let b = Array(input[i..<i + 4])
            let position = (Int(b[0]) << 8 | Int(b[1])) % (text.count + 1)
            let deleted = min(Int(b[2] % 16), text.count - position)
            let inserted = Array(input[(i + 4)...].prefix(Int(b[3] % 24)).filter { $0 != 0xFF })
            i += 4 + min(Int(b[3] % 24), input.endIndex - (i + 4))
            text.replaceSubrange(position..<(position + deleted), with: inserted)
            // Kept valid UTF-8, as an editor's text is: decoding repairs a cut character.
            text = Array(String(decoding: text, as: UTF8.self).utf8)
            let source = SourceText(bytes: text)
            let reparsed = YAMLParser.reparseReportingChange(source, previous: previous, limits: limits, threads: 2).file
            let fresh = YAMLParser.parse(source, limits: limits)
            v.expect(reparsed.documents == fresh.documents,
                     "edit \(step): the re-parsed tree differs from a full parse of \(String(decoding: text.prefix(300), as: UTF8.self).debugDescription)")
            v.expect(reparsed.errors == fresh.errors, "edit \(step): the re-parse's errors differ from a full parse's")
            previous = reparsed
            step += 1
        }
        return v.list
    }
}
