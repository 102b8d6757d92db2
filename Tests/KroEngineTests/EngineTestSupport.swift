import Foundation
@_exported import KroTestSupport
import YAMLSyntax
@testable import KroEngine

/// Analyses a marked document and returns its diagnostics (markers stripped).
func diagnostics(_ marked: MarkedText, options: AnalysisOptions = .bundled) -> [Diagnostic] {
    DocumentAnalyzer.analyze(marked.source, options: options).diagnostics
}

func rgdAnalysis(_ text: String) -> RGDAnalysis? {
    DocumentAnalyzer.analyze(SourceText(text), options: .bundled).rgds.first
}

/// An RGD header with a minimal schema followed by `body` (indented under `spec:`).
func rgd(_ body: String, kind: String = "Demo") -> String {
    RGDFixture.head(name: "demo", kind: kind, schema: "spec:\n  name: string") + body
}
