import ArgumentParser
import KroEngine
import YAMLSyntax

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github
}

/// Everything one `--check` run found, in output order: the files by path, each file's
/// findings by position. Each file keeps its own list (no flattened copy of them all).
struct CheckReport {
    /// One checked file and its findings, sorted (`CheckFinding.ordered`).
    struct FileFindings {
        var file: CheckedFile
        var diagnostics: [Diagnostic]
    }

    var filesChecked: Int
    private(set) var files: [FileFindings]
    private var counts: [String: Int] = [:]
    /// Findings counted in the summary but not listed.
    private(set) var unlisted = 0

    /// Findings dropped before the report (`RunFindingBudget`): how many of each severity,
    /// and the path of the first file that had some.
    struct Unlisted {
        var bySeverity: [DiagnosticSeverity: Int] = [:]
        var firstPath: String?
    }

    /// `files` in any order, each file's findings in any order: both are sorted in place.
    /// The first `listLimit` findings are listed; the rest, and `dropped`, are counted, and
    /// an information where they start says so.
    init(filesChecked: Int, files: [FileFindings], listLimit: Int = .max, dropped: Unlisted = Unlisted()) {
        self.filesChecked = filesChecked
        self.files = files
        self.files.sort { $0.file.path < $1.file.path }
        for (severity, n) in dropped.bySeverity {
            counts[CheckFinding.word(for: severity), default: 0] += n
            unlisted += n
        }
        var listed = 0
        var firstLeftOut: (file: Int, range: TextRange)?
        for i in self.files.indices {
            // Usually in order already (the analysis sorts its findings): then the list,
            // which the analysis shares, is not copied to be sorted.
            let d = self.files[i].diagnostics
            if zip(d, d.dropFirst()).contains(where: { CheckFinding.ordered($1, $0) }) {
                self.files[i].diagnostics.sort(by: CheckFinding.ordered)
            }
            for d in self.files[i].diagnostics { counts[CheckFinding.word(for: d.severity), default: 0] += 1 }
            let room = max(0, listLimit - listed)
            if d.count > room {
                if firstLeftOut == nil { firstLeftOut = (i, self.files[i].diagnostics[room].range) }
                unlisted += d.count - room
                self.files[i].diagnostics.removeSubrange(room...)
            }
            listed += self.files[i].diagnostics.count
        }
        if firstLeftOut == nil, let path = dropped.firstPath, let i = self.files.firstIndex(where: { $0.file.path == path }) {
            firstLeftOut = (i, TextRange(start: 0, end: 0))
        }
        if let (i, range) = firstLeftOut {
            self.files[i].diagnostics.append(Diagnostic(
                code: AnalysisLimits.code, severity: .information,
                message: "kro-lsp lists at most \(listLimit) findings per run; the \(unlisted) from here on are counted "
                    + "in the summary, not listed (check fewer files at once)",
                range: range))
        }
    }

    /// Each finding, in output order.
    func forEachFinding(_ body: (CheckFinding) -> Void) {
        for file in files {
            for diagnostic in file.diagnostics { body(CheckFinding(file: file.file, diagnostic: diagnostic)) }
        }
    }

    func count(_ severity: DiagnosticSeverity) -> Int { counts[CheckFinding.word(for: severity)] ?? 0 }

    /// `checked N files: E errors, W warnings, I infos` (printed on stderr), and how many
    /// of them are not listed.
    var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "checked \(plural(filesChecked, "file")): \(plural(count(.error), "error")), "
            + "\(plural(count(.warning), "warning")), \(plural(count(.information), "info"))"
            + (unlisted > 0 ? " (\(unlisted) of them not listed)" : "")
    }
}
