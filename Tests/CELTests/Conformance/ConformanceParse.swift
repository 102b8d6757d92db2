@testable import CEL

/// Parses a conformance expression (macros on unless `disable_macros`).
func conformanceParse(_ text: String, disableMacros: Bool) -> Result<ParsedExpr, ConformanceParseFailure> {
    var options = ParserOptions()
    options.enableMacros = !disableMacros
    options.enableIdentifierEscapeSyntax = true
    let result = CELParser(options: options).parse(text)
    guard let parsed = result.parsed else {
        return .failure(ConformanceParseFailure(message: CELIssue.format(result.issues, source: text)))
    }
    return .success(parsed)
}

struct ConformanceParseFailure: Error {
    var message: String
}
