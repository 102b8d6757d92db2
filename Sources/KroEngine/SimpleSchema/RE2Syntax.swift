/// A syntax check for Go `regexp` (RE2) patterns, enough to flag what `regexp.Compile`
/// rejects in practice: unbalanced groups and classes, dangling repetition, Perl-only
/// syntax (look-around, backreferences), bad escapes and repeat counts, capture groups
/// nested past Go's parse-tree height. Error texts follow Go's
/// `error parsing regexp: <reason>: `<fragment>``.
enum RE2Syntax {
    /// Go refuses a parse tree more than 1,000 nodes high (`maxHeight`, "expression nests
    /// too deeply"). Each capture group is a node above what it holds, so this many nested
    /// groups are over it whatever they hold; other nodes (concatenations, repetitions)
    /// are not counted, so a pattern reported here is one Go refuses.
    static let maxCaptureDepth = 999

    static func check(_ pattern: String) -> String? {
        let s = Array(pattern.unicodeScalars)
        var i = 0
        var groupStarts: [Int] = []
        var captures: [Bool] = []      // per open group: does it capture
        var captureDepth = 0, deepest = 0
        var canRepeat = false          // something precedes that a repetition may apply to
        var lastWasRepeat = false
        func text(_ lo: Int, _ hi: Int) -> String {
            var v = String.UnicodeScalarView(); v.append(contentsOf: s[max(0, lo)..<min(hi, s.count)]); return String(v)
        }
        func err(_ reason: String, _ fragment: String) -> String { "error parsing regexp: \(reason): `\(fragment)`" }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                guard i + 1 < s.count else { return err("trailing backslash at end of expression", "") }
                let e = s[i + 1]
                if ("1"..."9").contains(e) {
                    return err("invalid escape sequence", text(i, i + 2))
                }
                if e == "p" || e == "P" {
                    if i + 2 < s.count, s[i + 2] == "{" {
                        guard let close = s[(i + 2)...].firstIndex(of: "}") else {
                            return err("invalid character class range", text(i, s.count))
                        }
                        i = close + 1
                    } else { i += 3 }
                    canRepeat = true; lastWasRepeat = false
                    continue
                }
                if e == "x" {
                    i += 2
                    if i < s.count, s[i] == "{" {
                        guard let close = s[i...].firstIndex(of: "}") else { return err("invalid escape sequence", text(i - 2, s.count)) }
                        i = close + 1
                    } else { i += 2 }
                    canRepeat = true; lastWasRepeat = false
                    continue
                }
                let allowed: Set<Unicode.Scalar> = ["a", "f", "t", "n", "r", "v", "d", "D", "s", "S", "w", "W",
                                                    "b", "B", "A", "z", "Q", "E", "C", "0"]
                if (e.properties.isAlphabetic || e.properties.numericType != nil) && !allowed.contains(e) {
                    return err("invalid escape sequence", text(i, i + 2))
                }
                if e == "Q" {
                    // \Q…\E literal text.
                    var j = i + 2
                    while j + 1 < s.count, !(s[j] == "\\" && s[j + 1] == "E") { j += 1 }
                    i = j + 1 < s.count ? j + 2 : s.count
                } else {
                    i += 2
                }
                canRepeat = !(e == "b" || e == "B" || e == "A" || e == "z"); lastWasRepeat = false
            case "(":
                if i + 1 < s.count, s[i + 1] == "?" {
                    let rest = text(i, min(s.count, i + 4))
                    if rest.hasPrefix("(?=") || rest.hasPrefix("(?!") || rest.hasPrefix("(?<=") || rest.hasPrefix("(?<!") {
                        return err("invalid or unsupported Perl syntax", text(i, min(s.count, i + (rest.hasPrefix("(?<") ? 4 : 3))))
                    }
                    var j = i + 2
                    var named = false
                    if j < s.count, s[j] == "P" || s[j] == "<" {
                        // named group (?P<name>…) / (?<name>…)
                        guard let close = s[j...].firstIndex(of: ">") else { return err("invalid named capture", text(i, s.count)) }
                        j = close + 1
                        named = true
                    } else {
                        while j < s.count, "imsU-".unicodeScalars.contains(s[j]) { j += 1 }
                        guard j < s.count, s[j] == ")" || s[j] == ":" else {
                            return err("invalid or unsupported Perl syntax", text(i, min(s.count, j + 1)))
                        }
                        if s[j] == ")" { i = j + 1; canRepeat = false; lastWasRepeat = false; continue }
                        j += 1
                    }
                    groupStarts.append(i); captures.append(named); i = j
                } else {
                    groupStarts.append(i); captures.append(true); i += 1
                }
                if captures.last == true { captureDepth += 1; deepest = max(deepest, captureDepth) }
                canRepeat = false; lastWasRepeat = false
            case ")":
                guard groupStarts.popLast() != nil else { return err("unexpected )", pattern) }
                if captures.removeLast() { captureDepth -= 1 }
                i += 1; canRepeat = true; lastWasRepeat = false
            case "[":
                var j = i + 1
                if j < s.count, s[j] == "^" { j += 1 }
                if j < s.count, s[j] == "]" { j += 1 }
                var prev: Unicode.Scalar?
                var closed = false
                while j < s.count {
                    let d = s[j]
                    if d == "]" { closed = true; break }
                    if d == "[", j + 1 < s.count, s[j + 1] == ":" {
                        guard let end = text(j, s.count).firstRange(of: ":]") else { break }
                        j += text(j, s.count)[..<end.upperBound].unicodeScalars.count
                        prev = nil
                        continue
                    }
                    var lit = d
                    var classEscape = false
                    if d == "\\" {
                        guard j + 1 < s.count else { return err("trailing backslash at end of expression", "") }
                        lit = s[j + 1]; j += 2
                        classEscape = lit.properties.isAlphabetic   // \d, \w, \pL…: not a range bound
                    } else { j += 1 }
                    if !classEscape, j + 1 < s.count, s[j] == "-", s[j + 1] != "]" {
                        var hi = s[j + 1]
                        var step = 2
                        if hi == "\\", j + 2 < s.count { hi = s[j + 2]; step = 3 }
                        if hi.value < lit.value { return err("invalid character class range", text(j - 1, j + step)) }
                        j += step
                    }
                    prev = lit
                }
                _ = prev
                guard closed else { return err("missing closing ]", text(i, s.count)) }
                i = j + 1; canRepeat = true; lastWasRepeat = false
            case "*", "+", "?":
                if lastWasRepeat && c == "?" { i += 1; lastWasRepeat = false; canRepeat = false; continue }
                if lastWasRepeat { return err("invalid nested repetition operator", text(i - 1, i + 1)) }
                guard canRepeat else { return err("missing argument to repetition operator", text(i, i + 1)) }
                i += 1; lastWasRepeat = true
            case "{":
                // A valid {n}, {n,}, {n,m} is a repetition; anything else is a literal brace.
                var j = i + 1
                var digits1 = "", digits2 = "", comma = false
                while j < s.count, s[j].properties.numericType != nil, s[j].isASCII { digits1.unicodeScalars.append(s[j]); j += 1 }
                if j < s.count, s[j] == "," { comma = true; j += 1
                    while j < s.count, s[j].properties.numericType != nil, s[j].isASCII { digits2.unicodeScalars.append(s[j]); j += 1 }
                }
                if !digits1.isEmpty, j < s.count, s[j] == "}" {
                    let lo = Int(digits1) ?? 1001, hi = comma ? (digits2.isEmpty ? lo : Int(digits2) ?? 1001) : lo
                    if lo > 1000 || hi > 1000 || hi < lo { return err("invalid repeat count", text(i, j + 1)) }
                    if lastWasRepeat { return err("invalid nested repetition operator", text(i - 1, j + 1)) }
                    guard canRepeat else { return err("missing argument to repetition operator", text(i, j + 1)) }
                    i = j + 1; lastWasRepeat = true
                } else {
                    i += 1; canRepeat = true; lastWasRepeat = false
                }
            case "|":
                i += 1; canRepeat = false; lastWasRepeat = false
            case "^", "$":
                i += 1; canRepeat = true; lastWasRepeat = false
            default:
                i += 1; canRepeat = true; lastWasRepeat = false
            }
        }
        if let open = groupStarts.last { _ = open; return err("missing closing )", pattern) }
        if deepest > maxCaptureDepth { return err("expression nests too deeply", pattern) }
        return nil
    }
}
