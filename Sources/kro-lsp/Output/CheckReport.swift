import ArgumentParser
import KroEngine

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github
}

/// Everything one `--check` run found, in output order.
struct CheckReport {
    var filesChecked: Int
    var findings: [CheckFinding]

    func count(_ severity: DiagnosticSeverity) -> Int {
        findings.filter { CheckFinding.word(for: $0.diagnostic.severity) == CheckFinding.word(for: severity) }.count
    }

    /// `checked N files: E errors, W warnings, I infos` (printed on stderr).
    var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "checked \(plural(filesChecked, "file")): \(plural(count(.error), "error")), "
            + "\(plural(count(.warning), "warning")), \(plural(count(.information), "info"))"
    }
}
