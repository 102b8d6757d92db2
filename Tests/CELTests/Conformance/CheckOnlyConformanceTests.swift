import Foundation
import Testing
@testable import CEL

/// cel-spec's type-deduction vectors (`CheckVectors/`, converted by
/// scripts/convert-cel-check-vectors.py from cel-spec 508bd98): the checker must deduce
/// the type cel-go deduces, and the value where one is given. Every failure is listed by
/// name; skips are the loader's (protobuf messages, wrappers), counted by reason.
@Suite("CEL check-only conformance")
struct CheckOnlyConformanceTests {
    /// Vectors outside kro's environment or model, with why (none may fail silently).
    static let allowed: [String: String] = [:]

    @Test func typeDeductionVectors() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CheckVectors")
        let loaded = try ConformanceLoader.load(from: dir)
        #expect(loaded.decodeFailures.isEmpty, "\(loaded.decodeFailures)")
        var passed = 0
        var failures: [(String, String)] = []
        for c in loaded.cases {
            #expect(c.expectedType != nil, "\(c.fullName) has no expected type")
            switch ConformanceTests.run(c) {
            case .pass: passed += 1
            case .fail(let why): failures.append((c.fullName, why))
            }
        }
        let skipped = loaded.skipped.values.reduce(0, +)
        var report = "cel-conformance (type deduction) failures:\n"
        for (name, why) in failures { report += "  ✗ \(name): \(why)\(Self.allowed[name].map { " [allowed: \($0)]" } ?? "")\n" }
        for (reason, n) in loaded.skipped.sorted(by: { $0.key.description < $1.key.description }) {
            report += "  skipped \(n) × \(reason)\n"
        }
        report += "cel-conformance (type deduction): \(passed) passed, \(failures.count) failed, \(skipped) skipped"
        print(report)
        #expect(passed + failures.count + skipped == 47, "cel-spec 508bd98 has 47 type-deduction vectors")
        #expect(failures.map(\.0).filter { Self.allowed[$0] == nil }.isEmpty, "\(report)")
    }
}
