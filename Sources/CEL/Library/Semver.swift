/// A semantic version with `github.com/blang/semver/v4` semantics (parse errors and
/// precedence), plus the Kubernetes CEL "normalize" mode.
public struct SemanticVersion: Sendable, Hashable, CustomStringConvertible {
    public enum PreRelease: Sendable, Hashable {
        case numeric(UInt64)
        case alphanumeric(String)
    }

    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    public var pre: [PreRelease]
    public var build: [String]

    public var description: String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty {
            s += "-" + pre.map { p -> String in
                switch p { case .numeric(let n): return String(n); case .alphanumeric(let t): return t }
            }.joined(separator: ".")
        }
        if !build.isEmpty { s += "+" + build.joined(separator: ".") }
        return s
    }

    private static let alphanum = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789".unicodeScalars)

    private static func onlyDigits(_ s: Substring) -> Bool { s.unicodeScalars.allSatisfy { $0 >= "0" && $0 <= "9" } }
    private static func onlyAlphanum(_ s: Substring) -> Bool { s.unicodeScalars.allSatisfy { alphanum.contains($0) } }
    private static func hasLeadingZeroes(_ s: Substring) -> Bool { s.count > 1 && s.first == "0" }

    /// `strconv.ParseUint(s, 10, 64)` on a string of digits (possibly empty).
    private static func parseUint(_ s: Substring) throws(LibraryError) -> UInt64 {
        let q = GoQuote.quote(String(s))
        guard !s.isEmpty else { throw LibraryError("strconv.ParseUint: parsing \(q): invalid syntax") }
        var v: UInt64 = 0
        for c in s.utf8 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
            if o1 || o2 { throw LibraryError("strconv.ParseUint: parsing \(q): value out of range") }
            v = a
        }
        return v
    }

    /// `semver.Parse`.
    public static func parse(_ text: String) throws(LibraryError) -> SemanticVersion {
        if text.isEmpty { throw LibraryError("Version string empty") }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw LibraryError("No Major.Minor.Patch elements found") }
        func number(_ s: Substring, _ name: String) throws(LibraryError) -> UInt64 {
            let q = GoQuote.quote(String(s))
            if !onlyDigits(s) { throw LibraryError("Invalid character(s) found in \(name.lowercased()) number \(q)") }
            if hasLeadingZeroes(s) { throw LibraryError("\(name) number must not contain leading zeroes \(q)") }
            return try parseUint(s)
        }
        let major = try number(parts[0], "Major")
        let minor = try number(parts[1], "Minor")
        var patchText = parts[2]
        var buildParts: [Substring] = []
        var preParts: [Substring] = []
        if let plus = patchText.firstIndex(of: "+") {
            buildParts = patchText[patchText.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            patchText = patchText[..<plus]
        }
        if let dash = patchText.firstIndex(of: "-") {
            preParts = patchText[patchText.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            patchText = patchText[..<dash]
        }
        let patch = try number(patchText, "Patch")
        var pre: [PreRelease] = []
        for p in preParts {
            if p.isEmpty { throw LibraryError("Prerelease is empty") }
            if onlyDigits(p) {
                if hasLeadingZeroes(p) {
                    throw LibraryError("Numeric PreRelease version must not contain leading zeroes \(GoQuote.quote(String(p)))")
                }
                pre.append(.numeric(try parseUint(p)))
            } else if onlyAlphanum(p) {
                pre.append(.alphanumeric(String(p)))
            } else {
                throw LibraryError("Invalid character(s) found in prerelease \(GoQuote.quote(String(p)))")
            }
        }
        var build: [String] = []
        for b in buildParts {
            if b.isEmpty { throw LibraryError("Build meta data is empty") }
            if !onlyAlphanum(b) { throw LibraryError("Invalid character(s) found in build meta data \(GoQuote.quote(String(b)))") }
            build.append(String(b))
        }
        return SemanticVersion(major: major, minor: minor, patch: patch, pre: pre, build: build)
    }

    /// The Kubernetes `normalizeAndParse`: strips a `v` prefix and leading zeros, and
    /// fills in a missing minor or patch with 0.
    public static func parseNormalized(_ text: String) throws(LibraryError) -> SemanticVersion {
        var s = Substring(text)
        if s.hasPrefix("v") { s = s.dropFirst() }
        var parts = s.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        for (i, p) in parts.enumerated() where p.count > 1 {
            var t = String(p.drop(while: { $0 == "0" }))
            if t.isEmpty || !(t.first.map { $0 >= "0" && $0 <= "9" } ?? false) { t = "0" + t }
            parts[i] = t
        }
        if parts.count < 3 {
            if parts[parts.count - 1].contains(where: { $0 == "+" || $0 == "-" }) {
                throw LibraryError("short version cannot contain PreRelease/Build meta data")
            }
            while parts.count < 3 { parts.append("0") }
        }
        return try parse(parts.joined(separator: "."))
    }

    /// Precedence (`Version.Compare`): −1, 0 or 1; build metadata is ignored.
    public func compare(_ o: SemanticVersion) -> Int {
        for (a, b) in [(major, o.major), (minor, o.minor), (patch, o.patch)] where a != b { return a > b ? 1 : -1 }
        if pre.isEmpty && o.pre.isEmpty { return 0 }
        if pre.isEmpty { return 1 }
        if o.pre.isEmpty { return -1 }
        for (a, b) in zip(pre, o.pre) {
            let c: Int
            switch (a, b) {
            case (.numeric, .alphanumeric): c = -1
            case (.alphanumeric, .numeric): c = 1
            case (.numeric(let x), .numeric(let y)): c = x == y ? 0 : (x > y ? 1 : -1)
            case (.alphanumeric(let x), .alphanumeric(let y)):
                c = x == y ? 0 : (Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : 1)
            }
            if c != 0 { return c }
        }
        if pre.count == o.pre.count { return 0 }
        return pre.count < o.pre.count ? -1 : 1
    }
}
