@testable import CEL

/// Parses a conformance expression (macros on unless `disable_macros`).
func conformanceParse(_ text: String, disableMacros: Bool) -> Result<ParsedExpr, ConformanceParseFailure> {
    .failure(ConformanceParseFailure(message: "parser not available yet"))
}

struct ConformanceParseFailure: Error {
    var message: String
}
