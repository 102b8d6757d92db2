import YAMLSyntax

/// A test document written as the author sees it, with inline markers that are stripped
/// before use: `0️⃣`…`9️⃣` name positions, `$0` is the cursor, and `«…»` pairs mark the
/// expected ranges in order. Offsets are UTF-8 byte offsets into `text`.
public struct MarkedText: Sendable {
    public let text: String
    /// Where each numbered marker stood.
    public let offsets: [Int: Int]
    /// Where `$0` stood, if it was written.
    public let cursor: Int?
    /// The `«…»` ranges, in the order they open.
    public let ranges: [TextRange]

    public init(_ marked: String) {
        let markers = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
        var out: [UInt8] = []
        var offsets: [Int: Int] = [:]
        var cursor: Int?
        var ranges: [TextRange] = []
        var open: [Int] = []  // indices into `ranges` of the unclosed «
        var rest = Substring(marked)
        outer: while let first = rest.first {
            for (n, m) in markers.enumerated() where rest.hasPrefix(m) {
                offsets[n] = out.count
                rest = rest.dropFirst(m.count)
                continue outer
            }
            if rest.hasPrefix("$0") {
                cursor = out.count
                rest = rest.dropFirst(2)
                continue
            }
            switch first {
            case "«":
                open.append(ranges.count)
                ranges.append(TextRange(start: out.count, end: out.count))
            case "»":
                if let i = open.popLast() { ranges[i].end = out.count }
            default:
                out.append(contentsOf: String(first).utf8)
            }
            rest = rest.dropFirst()
        }
        self.text = String(decoding: out, as: UTF8.self)
        self.offsets = offsets
        self.cursor = cursor
        self.ranges = ranges
    }

    /// The range between markers `a` and `b`.
    public func range(_ a: Int, _ b: Int) -> TextRange { TextRange(start: offsets[a] ?? -1, end: offsets[b] ?? -1) }

    /// `$0`, else marker `1️⃣`.
    public var position: Int { cursor ?? offsets[1] ?? 0 }

    public var source: SourceText { SourceText(text) }

    /// The same text with CRLF line ends (markers keep their places).
    public var crlf: MarkedText {
        MarkedText(original.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
    }

    private var original: String { MarkedText.reinsert(self) }

    /// The marked text again (markers re-inserted), so variants can be derived.
    static func reinsert(_ m: MarkedText) -> String {
        var inserts: [(Int, Int, String)] = []  // (offset, order, marker)
        for (n, o) in m.offsets { inserts.append((o, 1, ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"][n])) }
        if let c = m.cursor { inserts.append((c, 1, "$0")) }
        for r in m.ranges { inserts.append((r.start, 2, "«")); inserts.append((r.end, 0, "»")) }
        var bytes = Array(m.text.utf8)
        for (offset, _, marker) in inserts.sorted(by: { ($0.0, $0.1) > ($1.0, $1.1) }) {
            bytes.insert(contentsOf: marker.utf8, at: offset)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
