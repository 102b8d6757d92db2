import ArgumentParser
import KroEngine

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

    /// `files` in any order, each file's findings in any order: both are sorted in place.
    init(filesChecked: Int, files: [FileFindings]) {
        self.filesChecked = filesChecked
        self.files = files
        self.files.sort { $0.file.path < $1.file.path }
        for i in self.files.indices {
            // Usually in order already (the analysis sorts its findings): then the list,
            // which the analysis shares, is not copied to be sorted.
            let d = self.files[i].diagnostics
            if zip(d, d.dropFirst()).contains(where: { CheckFinding.ordered($1, $0) }) {
                self.files[i].diagnostics.sort(by: CheckFinding.ordered)
            }
            for d in self.files[i].diagnostics { counts[CheckFinding.word(for: d.severity), default: 0] += 1 }
        }
    }

    /// Each finding, in output order.
    func forEachFinding(_ body: (CheckFinding) -> Void) {
        for file in files {
            for diagnostic in file.diagnostics { body(CheckFinding(file: file.file, diagnostic: diagnostic)) }
        }
    }

    func count(_ severity: DiagnosticSeverity) -> Int { counts[CheckFinding.word(for: severity)] ?? 0 }

    /// `checked N files: E errors, W warnings, I infos` (printed on stderr).
    var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "checked \(plural(filesChecked, "file")): \(plural(count(.error), "error")), "
            + "\(plural(count(.warning), "warning")), \(plural(count(.information), "info"))"
    }
}
