/// The type part of a SimpleSchema field string (simpleschema.md §2.1).
indirect enum TypeExpression: Hashable, Sendable {
    /// `string`, `integer`, `boolean` or `float`.
    case atomic(String)
    /// `object`: free-form, unknown fields preserved.
    case object
    case slice(TypeExpression)
    case map(TypeExpression)
    /// Any other name, resolved against `spec.schema.types`; `span` locates the name.
    case custom(name: String, span: CharSpan)

    /// Custom type names this type mentions, with where they are written.
    var customReferences: [(name: String, span: CharSpan)] {
        switch self {
        case .atomic, .object: []
        case .slice(let e), .map(let e): e.customReferences
        case .custom(let name, let span): [(name, span)]
        }
    }

    /// The OpenAPI `type` this expression produces, used for marker checks.
    static let atomicNames: Set<String> = ["string", "integer", "boolean", "float"]
}

struct TypeExpressionError: Error, Hashable {
    var code: String
    var message: String
    var span: CharSpan
}

/// Parses a type part exactly as kro does: recursion on `[]` and `map[string]` with a
/// depth limit of 16 nested levels, everything else a custom name.
enum TypeExpressionParser {
    static let maxNestingDepth = 16

    static func parse(_ text: CharText, _ span: CharSpan) -> Result<TypeExpression, TypeExpressionError> {
        parse(text, span.lo, span.hi, depth: 0, whole: span)
    }

    private static func parse(_ text: CharText, _ rawLo: Int, _ rawHi: Int, depth: Int,
                              whole: CharSpan) -> Result<TypeExpression, TypeExpressionError> {
        if depth > maxNestingDepth {
            return .failure(TypeExpressionError(
                code: "KRO106",
                message: "type nesting too deep (max \(maxNestingDepth)): \(GoStrconv.quote(QuotedText.excerpt(text.string(rawLo, rawHi), limit: 80)))",
                span: whole))
        }
        let (lo, hi) = text.trimmed(rawLo, rawHi)
        let s = text.string(lo, hi)
        if TypeExpression.atomicNames.contains(s) { return .success(.atomic(s)) }
        if s == "object" { return .success(.object) }
        if text.hasPrefix("[]", at: lo, before: hi) {
            if lo + 2 == hi {
                return .failure(TypeExpressionError(code: "KRO103", message: "empty slice element type",
                                                    span: CharSpan(lo: lo, hi: hi)))
            }
            return parse(text, lo + 2, hi, depth: depth + 1, whole: whole).map { .slice($0) }
        }
        if text.hasPrefix("map[", at: lo, before: hi) {
            guard text.hasPrefix("map[string]", at: lo, before: hi) else {
                return .failure(TypeExpressionError(code: "KRO104", message: "map key must be string",
                                                    span: CharSpan(lo: lo, hi: hi)))
            }
            let rest = lo + "map[string]".unicodeScalars.count
            let (vlo, vhi) = text.trimmed(rest, hi)
            if vlo == vhi {
                return .failure(TypeExpressionError(code: "KRO105", message: "map value type is required",
                                                    span: CharSpan(lo: lo, hi: hi)))
            }
            return parse(text, vlo, vhi, depth: depth + 1, whole: whole).map { .map($0) }
        }
        return .success(.custom(name: s, span: CharSpan(lo: lo, hi: hi)))
    }
}
