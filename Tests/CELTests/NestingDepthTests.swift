import Dispatch
import Testing
@testable import CEL

/// cel-go's nesting limit (250 levels of each grammar rule) is reached in full, from any
/// thread: parse, check and evaluate 249 nested parentheses, lists and calls, in a debug
/// build, on a Dispatch worker and in a Task; 250 are a clear error.
@Suite struct NestingDepthTests {
    static let limit = "expression recursion limit exceeded: 250"

    static func nested(_ levels: Int, open: String, close: String, inner: String) -> String {
        String(repeating: open, count: levels) + inner + String(repeating: close, count: levels)
    }

    /// Parse, check and evaluate `text`: (issues, type, value).
    static func run(_ text: String) -> (issues: [String], type: CELType?, value: EvalResult?) {
        let parsed = CELParser().parse(text)
        guard let tree = parsed.parsed else { return (parsed.issues.map(\.message), nil, nil) }
        let check = Checker.check(tree, in: CELEnvironment.kro())
        return (check.issues.map(\.message), check.type, Program(parsed: tree, functions: .kro).evaluate())
    }

    @Test func twoHundredFortyNineLevelsWorkOnAWorkerThread() async {
        // The `+` inside is one more level of the arithmetic rule: 248 parentheses.
        let parens = Self.nested(248, open: "(", close: ")", inner: "1 + 2")
        #expect(Self.run(Self.nested(249, open: "(", close: ")", inner: "3")).issues.isEmpty)
        let strings = Self.nested(248, open: "string(", close: ")", inner: "'a'")
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: (Self.run(parens), Self.run(strings))) }
        }
        #expect(result.0.issues.isEmpty, "\(result.0.issues)")
        #expect(result.0.type == .int && result.0.value?.isValue(.int(3)) == true)
        #expect(result.1.issues.isEmpty && result.1.type == .string && result.1.value?.isValue(.string("a")) == true)
    }

    @Test func twoHundredFortyNineNestedListsParseCheckAndEvaluateInATask() async throws {
        let lists = Self.nested(249, open: "[", close: "]", inner: "true")
        let outcome = await Task.detached { Self.run(lists) }.value
        #expect(outcome.issues.isEmpty)
        var type = try #require(outcome.type)
        var levels = 0
        while case .list(let element) = type { type = element; levels += 1 }
        #expect(levels == 249 && type == .bool)
    }

    @Test func twoHundredFiftyLevelsAreAClearError() {
        for (open, close) in [("(", ")"), ("[", "]"), ("f(", ")")] {
            let text = Self.nested(250, open: open, close: close, inner: "1")
            let issues = CELParser().parse(text).issues
            #expect(issues.map(\.message) == [Self.limit], "\(open)")
            // Reported where the 251st level of the rule opens.
            #expect((issues.first?.span.start ?? -1) >= 249 * open.utf8.count, "\(open)")
        }
    }
}
