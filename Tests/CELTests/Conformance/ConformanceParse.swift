@testable import CEL

/// Parses a conformance expression (macros on unless `disable_macros`). The single place
/// to switch to the real parser once it is in Sources/CEL/Syntax.
func conformanceParse(_ text: String, disableMacros: Bool) -> Result<ParsedExpr, ConformanceParseFailure> {
    switch StandInParser.parse(text, macros: !disableMacros) {
    case .success(let p): return .success(p)
    case .failure(let f): return .failure(ConformanceParseFailure(message: f.message))
    }
}

struct ConformanceParseFailure: Error {
    var message: String
}
