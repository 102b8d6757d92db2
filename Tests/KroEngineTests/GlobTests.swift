import Testing
@testable import KroEngine

/// `.kro-lsp.yaml` globs: what they match, and that a hostile pattern from a pull request
/// costs no more than its length times the path's.
@Suite struct GlobTests {
    @Test(arguments: [
        ("*.yaml", "rgds/app.yaml", true),
        ("*.yaml", "app.yml", false),
        ("rgds/**", "rgds/a/b/c.yaml", true),
        ("rgds/**", "other/rgds/c.yaml", false),
        ("**/drafts/**", "a/drafts/b.yaml", true),
        ("**/drafts/**", "drafts/b.yaml", true),
        ("drafts/", "drafts/x/y.yaml", true),
        ("./rgds/*.yaml", "rgds/a.yaml", true),
        ("rgds/*.yaml", "rgds/a/b.yaml", false),
        ("r?ds/[a-c]*.yaml", "rgds/b1.yaml", true),
        ("r?ds/[!a-c]*.yaml", "rgds/b1.yaml", false),
        ("[^x]y", "zy", true),
        ("a[b", "a[b", true),
        ("[]x", "x", false),
        ("**/*-[0-9][0-9].yaml", "deep/er/app-42.yaml", true),
        ("**/*-[0-9][0-9].yaml", "deep/er/app-4.yaml", false),
    ])
    func matchesAsWritten(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    /// Random patterns over a small alphabet agree with a direct recursive reading of the
    /// syntax (exponential, so only on short inputs).
    @Test func agreesWithTheRecursiveDefinition() {
        var seed: UInt64 = 0x610B
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let patternPieces = ["a", "b", "*", "?", "[ab]", "[!a]", "/", "**/", "[", "é"]
        let pathPieces = ["a", "b", "/", "é", "["]
        for round in 0..<3_000 {
            let pattern = (0..<(1 + next(6))).map { _ in patternPieces[next(patternPieces.count)] }.joined()
            let path = (0..<next(8)).map { _ in pathPieces[next(pathPieces.count)] }.joined()
            #expect(Glob(pattern).matches(path) == Reference.matches(pattern, path), "round \(round): \(pattern) on \(path)")
        }
    }

    /// Stars that each could take any part of the name, and `**` that each could take any
    /// part of the path: a recursive match tries exponentially many splits.
    @Test func hostilePatternsAnswerAtOnce() {
        let name = String(repeating: "a", count: 200) + ".yaml"
        #expect(!Glob(String(repeating: "*a", count: 40) + "*b").matches(name))
        #expect(Glob(String(repeating: "*a", count: 40) + "*").matches(name))
        let deep = Array(repeating: "a", count: 200).joined(separator: "/")
        #expect(!Glob(Array(repeating: "**", count: 40).joined(separator: "/") + "/b").matches(deep))
        #expect(Glob(Array(repeating: "**/a", count: 40).joined(separator: "/")).matches(deep))
    }

    /// The syntax read directly: `*` tries every split of the segment, `**` every split of
    /// the path.
    enum Reference {
        static func matches(_ pattern: String, _ path: String) -> Bool {
            var p = pattern
            if p.hasPrefix("./") { p.removeFirst(2) }
            if p.hasSuffix("/") { p += "**" }
            if !p.contains("/") { p = "**/" + p }
            let segments = p.split(separator: "/").map(String.init)
            let parts = path.split(separator: "/").map(String.init)
            return match(segments[...], parts[...])
        }

        static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
            guard let first = pattern.first else { return path.isEmpty }
            if first == "**" {
                return (path.startIndex...path.endIndex).contains { match(pattern.dropFirst(), path[$0...]) }
            }
            guard let segment = path.first else { return false }
            return segmentMatches(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...])
                && match(pattern.dropFirst(), path.dropFirst())
        }

        static func segmentMatches(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
            guard let c = p.first else { return s.isEmpty }
            switch c {
            case "*": return (s.startIndex...s.endIndex).contains { segmentMatches(p.dropFirst(), s[$0...]) }
            case "?": return !s.isEmpty && segmentMatches(p.dropFirst(), s.dropFirst())
            case "[":
                guard let close = p.dropFirst().firstIndex(of: "]") else {
                    return s.first == "[" && segmentMatches(p.dropFirst(), s.dropFirst())
                }
                guard let ch = s.first else { return false }
                var set = Array(p[(p.startIndex + 1)..<close])
                let negated = set.first == "!" || set.first == "^"
                if negated { set.removeFirst() }
                var found = false
                var i = 0
                while i < set.count {
                    if i + 2 < set.count, set[i + 1] == "-" {
                        found = found || (set[i].value...max(set[i].value, set[i + 2].value)).contains(ch.value) && set[i].value <= set[i + 2].value
                        i += 3
                    } else {
                        found = found || set[i] == ch
                        i += 1
                    }
                }
                return found != negated && segmentMatches(p[(close + 1)...], s.dropFirst())
            default: return s.first == c && segmentMatches(p.dropFirst(), s.dropFirst())
            }
        }
    }
}
