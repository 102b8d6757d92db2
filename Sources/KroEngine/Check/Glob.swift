/// A path glob as `.kro-lsp.yaml` writes them, matched against `/`-separated relative
/// paths: `*` and `?` stay inside one segment, `**` spans any number of segments,
/// `[abc]`/`[a-z]` match one character. A pattern without `/` matches the last segment
/// anywhere (`*.tmpl.yaml`); a trailing `/` matches a folder and everything in it.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [Substring]

    public init(_ pattern: String) {
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasSuffix("/") { p += "**" }
        if !p.contains("/") { p = "**/" + p }
        self.pattern = pattern
        segments = p.split(separator: "/", omittingEmptySubsequences: true)
    }

    public func matches(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var p = path
            while true {
                if match(rest, p) { return true }
                guard !p.isEmpty else { return false }
                p = p.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        switch c {
        case "*":
            var rest = s
            while true {
                if matchSegment(p.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !s.isEmpty && matchSegment(p.dropFirst(), s.dropFirst())
        case "[":
            guard let close = p.dropFirst().firstIndex(of: "]"), let ch = s.first else {
                return s.first == "[" && matchSegment(p.dropFirst(), s.dropFirst())
            }
            let set = p[p.index(after: p.startIndex)..<close]
            return inSet(ch, set) && matchSegment(p[p.index(after: close)...], s.dropFirst())
        default:
            return s.first == c && matchSegment(p.dropFirst(), s.dropFirst())
        }
    }

    private static func inSet(_ c: Unicode.Scalar, _ set: ArraySlice<Unicode.Scalar>) -> Bool {
        var negate = false
        var items = set
        if let f = items.first, f == "!" || f == "^" { negate = true; items = items.dropFirst() }
        var found = false
        var i = items.startIndex
        while i < items.endIndex {
            let lo = items[i]
            if i + 2 < items.endIndex, items[i + 1] == "-" {
                if lo.value <= c.value && c.value <= items[i + 2].value { found = true }
                i += 3
            } else {
                if lo == c { found = true }
                i += 1
            }
        }
        return found != negate
    }
}
