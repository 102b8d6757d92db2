/// A path glob as `.kro-lsp.yaml` writes them, matched against `/`-separated relative
/// paths: `*` and `?` stay inside one segment, `**` spans any number of segments,
/// `[abc]`/`[a-z]` match one character. A pattern without `/` matches the last segment
/// anywhere (`*.tmpl.yaml`); a trailing `/` matches a folder and everything in it.
///
/// Matching takes at most the pattern's length times the path's: a star that fails to
/// match resumes from the last star only (a configuration from a pull request with
/// `*a*a*a…b` made the recursive match take longer than a minute on one file name).
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [Segment]

    /// One `/`-separated part of the pattern.
    private enum Segment: Sendable, Hashable {
        /// `**`: any number of path segments.
        case anySegments
        case pattern([Token])
    }

    /// One element of a segment's pattern.
    private enum Token: Sendable, Hashable {
        case scalar(Unicode.Scalar)
        /// `?`
        case anyScalar
        /// `*`
        case anyScalars
        /// `[…]`: ranges (a single character is a range of one), negated by `!` or `^`.
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])
    }

    public init(_ pattern: String) {
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasSuffix("/") { p += "**" }
        if !p.contains("/") { p = "**/" + p }
        self.pattern = pattern
        segments = p.split(separator: "/", omittingEmptySubsequences: true)
            .map { $0 == "**" ? .anySegments : .pattern(Self.tokens($0)) }
    }

    /// A relative path split once for the globs it is matched against.
    public struct Path: Sendable {
        fileprivate let parts: [[Unicode.Scalar]]
        public init(_ relativePath: String) {
            parts = relativePath.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        }
    }

    public func matches(_ relativePath: String) -> Bool { matches(Path(relativePath)) }

    public func matches(_ path: Path) -> Bool {
        Self.matchInOrder(segments, path.parts, isStar: { $0 == .anySegments }) { segment, part in
            guard case .pattern(let tokens) = segment else { return false }
            return Self.matchInOrder(tokens, part, isStar: { $0 == .anyScalars }, Self.token(_:matches:))
        }
    }

    /// Whether `items` match `pattern` in order, each pattern element matching one item
    /// except stars, which match any run of items. On a mismatch the last star takes one
    /// more item and the match resumes after it; earlier stars never need to take more,
    /// so each (pattern, item) pair is tried at most once per star.
    private static func matchInOrder<P, I>(_ pattern: [P], _ items: [I], isStar: (P) -> Bool,
                                           _ matchesOne: (P, I) -> Bool) -> Bool {
        var p = 0, i = 0
        var star: (pattern: Int, item: Int)?
        while i < items.count {
            if p < pattern.count, isStar(pattern[p]) {
                star = (p, i)
                p += 1
            } else if p < pattern.count, matchesOne(pattern[p], items[i]) {
                p += 1
                i += 1
            } else if let s = star {
                star = (s.pattern, s.item + 1)
                p = s.pattern + 1
                i = s.item + 1
            } else {
                return false
            }
        }
        while p < pattern.count, isStar(pattern[p]) { p += 1 }
        return p == pattern.count
    }

    private static func token(_ token: Token, matches c: Unicode.Scalar) -> Bool {
        switch token {
        case .scalar(let s): return s == c
        case .anyScalar: return true
        case .anyScalars: return false  // handled as a star
        case .set(let negated, let ranges): return ranges.contains { $0.contains(c.value) } != negated
        }
    }

    private static func tokens(_ segment: Substring) -> [Token] {
        let scalars = Array(segment.unicodeScalars)
        var out: [Token] = []
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            k += 1
            switch c {
            case "*": if out.last != .anyScalars { out.append(.anyScalars) }
            case "?": out.append(.anyScalar)
            case "[":
                // Without a closing `]` the bracket is itself.
                guard let close = scalars[k...].firstIndex(of: "]") else { out.append(.scalar(c)); continue }
                var items = scalars[k..<close]
                k = close + 1
                var negated = false
                if let f = items.first, f == "!" || f == "^" { negated = true; items = items.dropFirst() }
                var ranges: [ClosedRange<UInt32>] = []
                var j = items.startIndex
                while j < items.endIndex {
                    if j + 2 < items.endIndex, items[j + 1] == "-" {
                        if items[j].value <= items[j + 2].value { ranges.append(items[j].value...items[j + 2].value) }
                        j += 3
                    } else {
                        ranges.append(items[j].value...items[j].value)
                        j += 1
                    }
                }
                out.append(.set(negated: negated, ranges: ranges))
            default: out.append(.scalar(c))
            }
        }
        return out
    }
}
