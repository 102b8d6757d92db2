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
        var analysed: [(path: String, source: SourceText, analysis: DocumentAnalysis)] = []
        for input in CheckInputs.expand(paths) {
            switch input {
            case .failure(let message):
                CheckOutput.printError(message)
                ioFailed = true
            case .success(let file):
                analysed.append((file.path, file.source, DocumentAnalyzer.analyze(file.source, options: options)))
            }
        }
        // Instances of the run's RGDs are admitted against their generated CRDs.
        let rgds = analysed.flatMap(\.analysis.rgds)
        for (path, source, analysis) in analysed {
            var diagnostics = analysis.diagnostics + Preview.instanceDiagnostics(analysis.yaml, rgds: rgds)
            diagnostics.sort { ($0.range.start, $0.range.end, $0.code) < ($1.range.start, $1.range.end, $1.code) }
            findings += diagnostics.map { CheckFinding(path: path, source: source, diagnostic: $0) }
        }
        switch format {
        case .text: for f in findings { print(f.textLine) }
        case .json: print(CheckFinding.jsonArray(findings))
        }
        if ioFailed { return 2 }
        return findings.contains { $0.diagnostic.severity == .error } ? 1 : 0
    }
}
