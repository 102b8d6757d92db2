import YAMLSyntax

/// A test document with inline position markers (`1️⃣`…`9️⃣`) that are stripped before
/// parsing; `offsets[n]` is the byte offset where marker `n` stood.
struct MarkedText {
    let text: String
    let offsets: [Int: Int]

    init(_ marked: String) {
        let markers = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
        var out: [UInt8] = []
        var offsets: [Int: Int] = [:]
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for (n, m) in markers.enumerated() where rest.hasPrefix(m) {
                offsets[n] = out.count
                rest = rest.dropFirst(m.count)
                continue outer
            }
            out.append(contentsOf: String(rest.first!).utf8)
            rest = rest.dropFirst()
        }
        self.text = String(decoding: out, as: UTF8.self)
        self.offsets = offsets
    }

    /// The range between markers `a` and `b`.
    func range(_ a: Int, _ b: Int) -> TextRange { TextRange(start: offsets[a] ?? -1, end: offsets[b] ?? -1) }

    var source: SourceText { SourceText(text) }
}
