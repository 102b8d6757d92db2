import YAMLSyntax

/// How a SimpleSchema block value looks after kubectl's YAML→JSON conversion: a string,
/// a mapping, or something else named by its Go type (for `unexpected type: <GoType>`).
enum YAMLValueKind {
    case string(YAMLScalar)
    case mapping(YAMLMapping)
    case other(goType: String, range: TextRange)

    init(_ node: YAMLNode) {
        switch node {
        case .alias(let alias):
            if let target = alias.target { self.init(target) } else {
                self = .other(goType: "<nil>", range: alias.range)
            }
        case .mapping(let m): self = .mapping(m)
        case .sequence(let s): self = .other(goType: "[]interface {}", range: s.range)
        case .scalar(let s):
            if let goType = YAMLValueKind.nonStringGoType(s) {
                self = .other(goType: goType, range: s.range)
            } else {
                self = .string(s)
            }
        }
    }

    /// The Go type a scalar decodes to when it is not a string (YAML 1.1 resolution of
    /// plain scalars, as go-yaml v2 does it); nil for strings.
    static func nonStringGoType(_ s: YAMLScalar) -> String? {
        if let tag = s.tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!!str": return nil
            case "tag:yaml.org,2002:int", "!!int": return "int64"
            case "tag:yaml.org,2002:float", "!!float": return "float64"
            case "tag:yaml.org,2002:bool", "!!bool": return "bool"
            case "tag:yaml.org,2002:null", "!!null": return "<nil>"
            default: break
            }
        }
        guard s.style == .plain else { return nil }
        let v = s.value
        switch v {
        case "", "~", "null", "Null", "NULL": return "<nil>"
        case "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON",
             "false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF":
            return "bool"
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
             ".nan", ".NaN", ".NAN":
            return "float64"
        default: break
        }
        if isYAMLInt(v) { return "int64" }
        if isYAMLFloat(v) { return "float64" }
        return nil
    }

    private static func isYAMLInt(_ v: String) -> Bool {
        var body = Substring(v)
        if let c = body.first, c == "+" || c == "-" { body = body.dropFirst() }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty else { return false }
        if digits.hasPrefix("0b") { return digits.count > 2 && digits.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" } }
        if digits.hasPrefix("0x") { return digits.count > 2 && digits.dropFirst(2).allSatisfy(\.isHexDigit) }
        if digits.hasPrefix("0o") { return digits.count > 2 && digits.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isYAMLFloat(_ v: String) -> Bool {
        var body = Substring(v)
        if let c = body.first, c == "+" || c == "-" { body = body.dropFirst() }
        let s = body.filter { $0 != "_" }
        guard let first = s.first, first.isNumber || first == "." else { return false }
        var sawDigit = false, sawDot = false, sawExp = false
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c.isASCII && c.isNumber { sawDigit = true }
            else if c == "." && !sawDot && !sawExp { sawDot = true }
            else if (c == "e" || c == "E") && sawDigit && !sawExp {
                sawExp = true
                let n = s.index(after: i)
                if n < s.endIndex, s[n] == "+" || s[n] == "-" { i = n }
                let d = s.index(after: i)
                guard d < s.endIndex else { return false }
            } else { return false }
            i = s.index(after: i)
        }
        return sawDigit
    }

    /// A mapping key as a JSON object key (scalars as written; others by their text).
    static func keyName(_ node: YAMLNode) -> String? {
        switch node {
        case .scalar(let s): s.value
        case .alias(let a): a.target.flatMap(keyName)
        default: nil
        }
    }

    static func range(of node: YAMLNode) -> TextRange {
        switch node {
        case .scalar(let s): s.range
        case .mapping(let m): m.range
        case .sequence(let s): s.range
        case .alias(let a): a.range
        }
    }
}
