import YAMLSyntax

/// How a SimpleSchema block value looks after kubectl's YAML→JSON conversion: a string,
/// a mapping, or something else named by its Go type (for `unexpected type: <GoType>`).
enum YAMLValueKind {
    case string(YAMLScalar)
    case mapping(YAMLMapping)
    case other(goType: String, range: TextRange)

    init(_ node: YAMLNode) {
        switch node.resolvedNode {
        case .mapping(let m)?: self = .mapping(m)
        case .sequence(let s)?: self = .other(goType: "[]interface {}", range: s.range)
        case .scalar(let s)?:
            switch s.resolved {
            case .string: self = .string(s)
            case .null: self = .other(goType: "<nil>", range: s.range)
            case .bool: self = .other(goType: "bool", range: s.range)
            case .int: self = .other(goType: "int64", range: s.range)
            case .float: self = .other(goType: "float64", range: s.range)
            }
        case .alias?, nil: self = .other(goType: "<nil>", range: node.range)
        }
    }
}
