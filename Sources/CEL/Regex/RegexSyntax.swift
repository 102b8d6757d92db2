/// The parsed form of an RE2-syntax regular expression.
indirect enum RegexNode {
    case empty
    case char(Unicode.Scalar, foldCase: Bool)
    case set(CharSet)
    /// `.`: any character, or any but newline.
    case any(dotNewline: Bool)
    case assert(RegexAssertion)
    case group(RegexNode, capture: Int?)
    case concat([RegexNode])
    case alternate([RegexNode])
    /// `max == nil` is unbounded.
    case repeatNode(RegexNode, min: Int, max: Int?, greedy: Bool)
}

enum RegexAssertion {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary
}

/// A character class: ranges of code points, Unicode general categories, negation and
/// case folding.
struct CharSet {
    var ranges: [ClosedRange<UInt32>] = []
    /// General categories (`\pL`), each possibly negated (`\PL`).
    var categories: [(Set<Unicode.GeneralCategory>, negated: Bool)] = []
    var negated = false
    var foldCase = false

    func contains(_ c: Unicode.Scalar) -> Bool {
        var hit = matchesRaw(c)
        if !hit, foldCase {
            for alt in caseVariants(c) where alt != c && matchesRaw(alt) { hit = true; break }
        }
        return hit != negated
    }

    private func matchesRaw(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        for r in ranges where r.contains(v) { return true }
        for (cats, neg) in categories where cats.contains(c.properties.generalCategory) != neg { return true }
        return false
    }
}

/// Simple case variants of a scalar (lower and upper forms of one scalar each).
func caseVariants(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = [c]
    for s in [c.properties.lowercaseMapping, c.properties.uppercaseMapping, c.properties.titlecaseMapping] {
        let scalars = Array(s.unicodeScalars)
        if scalars.count == 1, !out.contains(scalars[0]) { out.append(scalars[0]) }
    }
    // k/K/Kelvin sign and s/S/long s: fold through the lowercase form as well.
    if let lower = out.count > 1 ? out[1] : nil {
        for s in [lower.properties.uppercaseMapping] {
            let scalars = Array(s.unicodeScalars)
            if scalars.count == 1, !out.contains(scalars[0]) { out.append(scalars[0]) }
        }
    }
    return out
}

/// Why a pattern was rejected.
public struct RegexError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
}

/// Recursive-descent parser for RE2 syntax. Rejects what RE2 rejects (backreferences,
/// lookaround, possessive quantifiers) so that matching stays linear.
struct RegexParser {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var flags = Flags()
    private(set) var captureCount = 0
    private var depth = 0
    static let maxDepth = 500
    static let maxRepeat = 1000

    struct Flags { var i = false, m = false, s = false, U = false }

    init(_ pattern: String) { s = Array(pattern.unicodeScalars) }

    mutating func parse() throws(RegexError) -> RegexNode {
        let node = try parseAlternation()
        if i < s.count { throw RegexError("unexpected ): `\(String(String.UnicodeScalarView(s)))`") }
        return node
    }

    private var atEnd: Bool { i >= s.count }
    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    private mutating func parseAlternation() throws(RegexError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw RegexError("expression nests too deeply") }
        var branches = [try parseConcat()]
        while peek() == "|" {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func parseConcat() throws(RegexError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            var atom = try parseAtom()
            guard let a = atom else { continue }   // a flag group like (?i) yields nothing
            atom = try parseRepeats(a)
            if let atom { items.append(atom) }
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concat(items)
    }

    private mutating func parseRepeats(_ base: RegexNode) throws(RegexError) -> RegexNode {
        var node = base
        var repeated = false
        while let c = peek() {
            var min = 0, max: Int? = nil
            switch c {
            case "*": i += 1
            case "+": i += 1; min = 1
            case "?": i += 1; max = 1
            case "{":
                guard let (lo, hi, len) = parseBraces() else { return node }
                i += len
                min = lo; max = hi
                if lo > Self.maxRepeat || (hi ?? 0) > Self.maxRepeat || (hi.map { $0 < lo } ?? false) {
                    throw RegexError("invalid repeat count")
                }
            default: return node
            }
            if repeated { throw RegexError("invalid nested repetition operator") }
            if case .empty = node { throw RegexError("missing argument to repetition operator") }
            if case .assert = node {} // allowed in RE2 (e.g. ^*), harmless
            var greedy = true
            if peek() == "?" { i += 1; greedy = false }
            if peek() == "+" { throw RegexError("invalid nested repetition operator: possessive quantifiers are not supported") }
            if flags.U { greedy.toggle() }
            node = .repeatNode(node, min: min, max: max, greedy: greedy)
            repeated = true
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}` at `i`; nil when it is not a repeat (then `{` is literal).
    private func parseBraces() -> (Int, Int?, Int)? {
        var k = i + 1
        func number() -> Int? {
            var v = 0, n = 0
            while k < s.count, s[k].value >= 48, s[k].value <= 57 {
                v = min(v * 10 + Int(s[k].value - 48), 100_000); n += 1; k += 1
            }
            return n > 0 ? v : nil
        }
        guard let lo = number() else { return nil }
        var hi: Int? = lo
        if k < s.count, s[k] == "," {
            k += 1
            hi = number()
        }
        guard k < s.count, s[k] == "}" else { return nil }
        return (lo, hi, k + 1 - i)
    }

    private mutating func parseAtom() throws(RegexError) -> RegexNode? {
        guard let c = peek() else { return .empty }
        switch c {
        case "(":
            return try parseGroup()
        case "[":
            return .set(try parseClass())
        case ".":
            i += 1
            return .any(dotNewline: flags.s)
        case "^":
            i += 1
            return .assert(flags.m ? .beginLine : .beginText)
        case "$":
            i += 1
            return .assert(flags.m ? .endLine : .endText)
        case "\\":
            return try parseEscape()
        case "*", "+", "?":
            throw RegexError("missing argument to repetition operator: `\(c)`")
        default:
            i += 1
            return .char(c, foldCase: flags.i)
        }
    }

    private mutating func parseGroup() throws(RegexError) -> RegexNode? {
        i += 1
        var capture: Int? = nil
        let saved = flags
        if peek() == "?" {
            i += 1
            if peek() == "P" || peek() == "<" {
                if peek() == "P" { i += 1 }
                guard peek() == "<" else { throw RegexError("invalid named capture") }
                if peek(1) == "=" || peek(1) == "!" { throw RegexError("invalid or unsupported Perl syntax: lookbehind") }
                i += 1
                var name = ""
                while let c = peek(), c != ">" { name.unicodeScalars.append(c); i += 1 }
                guard peek() == ">", !name.isEmpty,
                      name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal })
                else { throw RegexError("invalid named capture") }
                i += 1
                captureCount += 1
                capture = captureCount
            } else {
                // Flags: (?flags) or (?flags:re)
                var negate = false
                var f = flags
                var sawFlag = false
                while true {
                    guard let c = peek() else { throw RegexError("missing closing )") }
                    i += 1
                    switch c {
                    case "i": f.i = !negate; sawFlag = true
                    case "m": f.m = !negate; sawFlag = true
                    case "s": f.s = !negate; sawFlag = true
                    case "U": f.U = !negate; sawFlag = true
                    case "-":
                        if negate { throw RegexError("invalid or unsupported Perl syntax") }
                        negate = true; sawFlag = false
                    case ")":
                        if negate && !sawFlag { throw RegexError("invalid or unsupported Perl syntax") }
                        flags = f
                        return nil
                    case ":":
                        if negate && !sawFlag { throw RegexError("invalid or unsupported Perl syntax") }
                        flags = f
                        let inner = try parseAlternation()
                        guard peek() == ")" else { throw RegexError("missing closing )") }
                        i += 1
                        flags = saved
                        return .group(inner, capture: nil)
                    default:
                        throw RegexError("invalid or unsupported Perl syntax: `(?\(c)`")
                    }
                }
            }
        } else {
            captureCount += 1
            capture = captureCount
        }
        let inner = try parseAlternation()
        guard peek() == ")" else { throw RegexError("missing closing )") }
        i += 1
        flags = saved
        return .group(inner, capture: capture)
    }

    private mutating func parseEscape() throws(RegexError) -> RegexNode? {
        i += 1
        guard let c = peek() else { throw RegexError("trailing backslash at end of expression") }
        switch c {
        case "A": i += 1; return .assert(.beginText)
        case "z": i += 1; return .assert(.endText)
        case "b": i += 1; return .assert(.wordBoundary)
        case "B": i += 1; return .assert(.notWordBoundary)
        case "Q":
            i += 1
            var items: [RegexNode] = []
            while let d = peek() {
                if d == "\\", peek(1) == "E" { i += 2; break }
                items.append(.char(d, foldCase: flags.i)); i += 1
            }
            return items.isEmpty ? .empty : .concat(items)
        case "1"..."9":
            throw RegexError("invalid escape sequence: `\\\(c)` (backreferences are not supported)")
        default:
            if let set = try parseClassEscape() { return .set(set) }
            return .char(try parseCharEscape(), foldCase: flags.i)
        }
    }

    /// `\d \w \s \pL \p{Greek}` and their negations; nil when the escape is not a class.
    private mutating func parseClassEscape() throws(RegexError) -> CharSet? {
        guard let c = peek() else { return nil }
        var set = CharSet()
        set.foldCase = flags.i
        switch c {
        case "d", "D": set.ranges = [48...57]
        case "w", "W": set.ranges = [48...57, 65...90, 95...95, 97...122]
        case "s", "S": set.ranges = [9...10, 12...13, 32...32]
        case "p", "P":
            i += 1
            var name = ""
            if peek() == "{" {
                i += 1
                while let d = peek(), d != "}" { name.unicodeScalars.append(d); i += 1 }
                guard peek() == "}" else { throw RegexError("invalid character class range") }
                i += 1
            } else if let d = peek() {
                name = String(d); i += 1
            }
            var neg = c == "P"
            if name.hasPrefix("^") { neg.toggle(); name.removeFirst() }
            guard let cats = UnicodeCategories.named(name) else {
                throw RegexError("invalid character class range: `\\p{\(name)}`")
            }
            set.categories = [(cats, negated: false)]
            set.negated = neg
            return set
        default: return nil
        }
        i += 1
        set.negated = c.properties.isUppercase
        return set
    }

    private mutating func parseCharEscape() throws(RegexError) -> Unicode.Scalar {
        guard let c = peek() else { throw RegexError("trailing backslash at end of expression") }
        i += 1
        switch c {
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "v": return "\u{0B}"
        case "0"..."7":
            // Octal: up to three digits (RE2 allows \0 and \1nn only after a digit run).
            var v = c.value - 48
            var n = 1
            while n < 3, let d = peek(), ("0"..."7").contains(d) { v = v * 8 + d.value - 48; i += 1; n += 1 }
            guard let sc = Unicode.Scalar(v) else { throw RegexError("invalid escape sequence") }
            return sc
        case "x":
            var hex = ""
            if peek() == "{" {
                i += 1
                while let d = peek(), d != "}" { hex.unicodeScalars.append(d); i += 1 }
                guard peek() == "}" else { throw RegexError("invalid escape sequence") }
                i += 1
            } else {
                for _ in 0..<2 {
                    guard let d = peek() else { throw RegexError("invalid escape sequence") }
                    hex.unicodeScalars.append(d); i += 1
                }
            }
            guard !hex.isEmpty, let v = UInt32(hex, radix: 16), let sc = Unicode.Scalar(v) else {
                throw RegexError("invalid escape sequence: `\\x\(hex)`")
            }
            return sc
        default:
            // Punctuation may be escaped; letters and digits may not (RE2).
            if c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw RegexError("invalid escape sequence: `\\\(c)`")
            }
            return c
        }
    }

    private mutating func parseClass() throws(RegexError) -> CharSet {
        i += 1
        var set = CharSet()
        set.foldCase = flags.i
        if peek() == "^" { set.negated = true; i += 1 }
        var first = true
        while true {
            guard let c = peek() else { throw RegexError("missing closing ]") }
            if c == "]" && !first { i += 1; break }
            first = false
            if c == "[", peek(1) == ":" {
                if let (ranges, len) = posixClass() {
                    set.ranges += ranges; i += len
                    continue
                }
            }
            if c == "\\" {
                i += 1
                if let inner = try parseClassEscape() {
                    merge(inner, into: &set)
                    continue
                }
                i -= 1
            }
            let lo = try classChar()
            if peek() == "-", let next = peek(1), next != "]" {
                i += 1
                let hi = try classChar()
                guard lo.value <= hi.value else { throw RegexError("invalid character class range") }
                set.ranges.append(lo.value...hi.value)
            } else {
                set.ranges.append(lo.value...lo.value)
            }
        }
        return set
    }

    private mutating func classChar() throws(RegexError) -> Unicode.Scalar {
        guard let c = peek() else { throw RegexError("missing closing ]") }
        if c == "\\" {
            i += 1
            return try parseCharEscape()
        }
        i += 1
        return c
    }

    /// Adds a nested class escape (`[\d\PL]`) to a bracket class.
    private func merge(_ inner: CharSet, into set: inout CharSet) {
        if inner.negated {
            if inner.categories.isEmpty {
                set.ranges += complement(inner.ranges)
            } else {
                set.categories += inner.categories.map { ($0.0, negated: !$0.negated) }
            }
        } else {
            set.ranges += inner.ranges
            set.categories += inner.categories
        }
    }

    private func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = max(next, r.upperBound &+ 1)
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return out
    }

    /// `[:alpha:]` etc. (and `[:^alpha:]`).
    private func posixClass() -> ([ClosedRange<UInt32>], Int)? {
        var k = i + 2
        var name = ""
        while k < s.count, s[k] != ":" { name.unicodeScalars.append(s[k]); k += 1 }
        guard k + 1 < s.count, s[k + 1] == "]" else { return nil }
        var neg = false
        if name.hasPrefix("^") { neg = true; name.removeFirst() }
        let table: [String: [ClosedRange<UInt32>]] = [
            "alnum": [48...57, 65...90, 97...122], "alpha": [65...90, 97...122], "ascii": [0...127],
            "blank": [9...9, 32...32], "cntrl": [0...31, 127...127], "digit": [48...57],
            "graph": [33...126], "lower": [97...122], "print": [32...126],
            "punct": [33...47, 58...64, 91...96, 123...126], "space": [9...13, 32...32],
            "upper": [65...90], "word": [48...57, 65...90, 95...95, 97...122], "xdigit": [48...57, 65...70, 97...102],
        ]
        guard let r = table[name] else { return nil }
        return (neg ? complement(r) : r, k + 2 - i)
    }
}

/// Unicode general category names as RE2 accepts them in `\p{…}`.
enum UnicodeCategories {
    static func named(_ name: String) -> Set<Unicode.GeneralCategory>? {
        typealias G = Unicode.GeneralCategory
        let groups: [String: Set<G>] = [
            "L": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
            "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter],
            "Lm": [.modifierLetter], "Lo": [.otherLetter],
            "M": [.nonspacingMark, .spacingMark, .enclosingMark],
            "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
            "N": [.decimalNumber, .letterNumber, .otherNumber],
            "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
            "P": [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                  .initialPunctuation, .finalPunctuation, .otherPunctuation],
            "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
            "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation],
            "Po": [.otherPunctuation],
            "S": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol],
            "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
            "Z": [.spaceSeparator, .lineSeparator, .paragraphSeparator],
            "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
            "C": [.control, .format, .surrogate, .privateUse, .unassigned],
            "Cc": [.control], "Cf": [.format], "Cs": [.surrogate], "Co": [.privateUse], "Cn": [.unassigned],
        ]
        if name == "Any" {
            return Set(groups.values.joined())
        }
        return groups[name]
    }
}
