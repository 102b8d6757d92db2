import ArgumentParser
import Foundation
import KroEngine
import YAMLSyntax

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `kro-lsp --check`: analyse files and print findings.
/// Exit status: 0 clean (warnings allowed), 1 when any error, 2 on an I/O error
/// (a missing path, or a `--crd` path that cannot be loaded).
struct CheckRun {
    let paths: [String]
    var options: AnalysisOptions
    let format: CheckFormat

    func run() -> Int32 {
        var findings: [CheckFinding] = []
        var ioFailed = false
        var options = self.options
        guard CRDOptions.load(options.crdPaths, into: &options) else { return 2 }
        for input in CheckInputs.expand(paths) {
            switch input {
            case .failure(let message):
                CheckOutput.printError(message)
                ioFailed = true
            case .success(let file):
                let analysis = DocumentAnalyzer.analyze(file.source, options: options)
                findings += analysis.diagnostics.map { CheckFinding(path: file.path, source: file.source, diagnostic: $0) }
            }
        }
        switch format {
        case .text: for f in findings { print(f.textLine) }
        case .json: print(CheckFinding.jsonArray(findings))
        }
        if ioFailed { return 2 }
        return findings.contains { $0.diagnostic.severity == .error } ? 1 : 0
    }
}
