import Foundation
import Testing
@testable import CEL

/// Runs every vector in ../shared/cel-conformance (or `KRO_CEL_CONFORMANCE_DIR`):
/// parse → (check, once the hook is set) → evaluate → compare. Prints the failures
/// (first 40), the skip reasons, and last the summary line; fails when the pass rate of
/// non-skipped cases drops below the bar in pass-rate-bar.txt.
@Suite("CEL conformance")
struct ConformanceTests {
    enum Outcome { case pass, fail(String) }

    static func run(_ c: ConformanceCase) -> Outcome {
        let parsed: ParsedExpr
        switch conformanceParse(c.expr, disableMacros: c.disableMacros) {
        case .success(let p): parsed = p
        case .failure(let f):
            if case .error = c.expected { return .pass }   // a parse error is an error
            return .fail("parse: \(f.message)")
        }
        if !c.disableCheck, let hook = conformanceCheckHook, let problem = hook(c, parsed) {
            return .fail("check: \(problem)")
        }
        if c.checkOnly { return .pass }
        var activation = Activation()
        for (k, v) in c.bindings { activation.bind(k, v) }
        let program = Program(parsed: parsed, options: EvalOptions(container: c.container))
        let result = program.evaluate(activation)
        switch (c.expected, result) {
        case (.value(let want), .value(let got)):
            return got.conformanceEquals(want) ? .pass : .fail("got \(got.debugText), want \(want.debugText)")
        case (.value(let want), .error(let e)):
            return .fail("error \(e.message), want \(want.debugText)")
        case (.value(let want), .unknown):
            return .fail("unknown, want \(want.debugText)")
        case (.error, .error), (.unknown, .unknown):
            return .pass
        case (.error(let msgs), let other):
            return .fail("got \(other.summary), want error \(msgs)")
        case (.unknown, let other):
            return .fail("got \(other.summary), want unknown")
        case (.checkedOnly, _):
            return .pass
        }
    }

    @Test func conformance() throws {
        let dir = ConformanceLoader.directory()
        let loaded = try ConformanceLoader.load(from: dir)
        var passed = 0
        var failures: [(String, String)] = loaded.decodeFailures.map { ($0.0, "decode: \($0.1)") }
        for c in loaded.cases {
            switch Self.run(c) {
            case .pass: passed += 1
            case .fail(let why): failures.append((c.fullName + " `" + c.expr + "`", why))
            }
        }
        let failed = failures.count
        let skipped = loaded.skipped.values.reduce(0, +)
        var report = ""
        if !failures.isEmpty {
            report += "cel-conformance failures (\(min(40, failed)) of \(failed)):\n"
            for (name, why) in failures.prefix(40) { report += "  ✗ \(name): \(why)\n" }
        }
        report += "cel-conformance skipped:\n"
        for (reason, n) in loaded.skipped.sorted(by: { $0.key.description < $1.key.description }) {
            report += "  \(n) × \(reason)\n"
        }
        report += "cel-conformance: \(passed) passed, \(failed) failed, \(skipped) skipped"
        print(report)

        let total = passed + failed
        #expect(total > 0, "no conformance cases found in \(dir.path)")
        let rate = total > 0 ? Double(passed) / Double(total) : 0
        let barFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pass-rate-bar.txt")
        let bar = Double(try String(contentsOf: barFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
        #expect(rate >= bar, "conformance pass rate \(rate) is below the bar \(bar)")
    }
}

extension EvalResult {
    var summary: String {
        switch self {
        case .value(let v): return v.debugText
        case .error(let e): return "error \(e.message)"
        case .unknown: return "unknown"
        }
    }
}
