@testable import CEL

/// The place where the type checker joins the conformance run: for a case that is not
/// `disable_check`, the runner calls this with the parsed expression. Return nil to go on
/// to evaluation, or a failure reason (e.g. an unexpected checker error) to fail the case.
/// Set by CEL part 2 (see CheckerConformance.swift).
let conformanceCheckHook: (@Sendable (ConformanceCase, ParsedExpr) -> String?)? = checkConformanceCase
