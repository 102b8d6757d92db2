import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// `.kro-lsp.yaml` read into settings, its mistakes placed, and the settings applied to
/// an analysis through `AnalysisOptions` (no global state).
@Suite struct ProjectConfigurationTests {
    @Test func readsEverySetting() {
        let text = """
            crds: [crds/, "more/**/*.yaml"]
            include: ["rgds/**"]
            exclude: "**/drafts/**"
            severity: {kro334: warning, KRO905: false}
            strictSchemas: true
            featureGates: {CELOmitFunction: true, SomeOtherGate: false}
            catalog: false

            """
        let (config, problems) = ProjectConfiguration.parse(SourceText(text), directory: "/p")
        #expect(problems == [])
        #expect(config.crds == ["crds/", "more/**/*.yaml"])
        #expect(config.include.map(\.pattern) == ["rgds/**"] && config.exclude.map(\.pattern) == ["**/drafts/**"])
        #expect(config.severities == ["KRO334": .warning, "KRO905": .off])
        #expect(config.strictSchemas == true && config.catalog == false)
        #expect(config.featureGates == ["CELOmitFunction": true, "SomeOtherGate": false])
    }

    @Test func placesEachMistakeAndKeepsTheRest() {
        let marked = MarkedText("""
            catalog: «maybe»
            severity: {KRO334: «loud», KRO905: off, «KRO9O5»: off, «kro9999»: error, «XYZ»: warning}
            «crd»: [a]
            featureGates: {CELOmitFunction: «1»}
            include: [«{a: b}»]

            """)
        let (config, problems) = ProjectConfiguration.parse(marked.source, directory: "/p")
        #expect(problems.map(\.range) == marked.ranges)
        #expect(problems.map(\.message) == [
            "catalog: expected true or false",
            "severity.KRO334: expected error, warning, info or off",
            "severity.KRO9O5: no diagnostic has the code KRO9O5 (did you mean KRO905?)",
            "severity.kro9999: no diagnostic has the code KRO9999 (did you mean KRO909?)",
            "severity.XYZ: no diagnostic has the code XYZ",
            "unknown key \"crd\" (crds, include, exclude, severity, strictSchemas, featureGates, catalog)",
            "featureGates.CELOmitFunction: expected true or false",
            "include: expected strings",
        ])
        #expect(config.severities == ["KRO905": .off] && config.catalog == nil)
        #expect(problems[1].description(in: marked.source) == "2:20: severity.KRO334: expected error, warning, info or off")
        #expect(ProjectConfiguration.diagnostics(marked.source).map(\.code) == Array(repeating: "KRO920", count: 8))
    }

    @Test func yamlErrorsAndNonMappingsAreProblemsNotCrashes() {
        let broken = ProjectConfiguration.parse(SourceText("severity: [\n"), directory: "/p").1
        #expect(broken.count == 1)
        let list = ProjectConfiguration.parse(SourceText("- a\n- b\n"), directory: "/p").1
        #expect(list.map(\.message) == ["the file must hold a mapping (crds, include, exclude, severity, strictSchemas, featureGates, catalog)"])
        #expect(ProjectConfiguration.parse(SourceText("# only a comment\n"), directory: "/p").1 == [])
    }

    /// A list longer than the limit is read up to it, with a problem at the first entry
    /// left out.
    @Test func listsAreReadUpToTheirLimit() {
        let limit = ProjectConfiguration.maxListEntries
        let entries = (0...limit).map { $0 == limit ? "- «x\($0)/**»\n" : "- x\($0)/**\n" }.joined()
        let marked = MarkedText("exclude:\n" + entries)
        let (config, problems) = ProjectConfiguration.parse(marked.source, directory: "/p")
        #expect(config.exclude.count == limit)
        #expect(config.exclude.last?.pattern == "x\(limit - 1)/**")
        #expect(problems.map(\.message) == ["exclude: more than \(limit) entries, kro-lsp's limit; the entries from here on are not read"])
        #expect(problems.first?.range == marked.ranges.first)
    }

    /// `crds` globs are matched against one walk of the folder.
    @Test func crdGlobsShareOneWalk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kro-crd-globs-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["a/one.yaml", "a/two.yml", "b/three.yaml"] {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: url)
        }
        var config = ProjectConfiguration(directory: directory.path)
        config.crds = ["a/*.yaml", "**/*.yml", "plain.yaml", "b/**"]
        #expect(ProjectConfigurationLoader.crdPaths(of: config) == [
            directory.path + "/a/one.yaml", directory.path + "/a/two.yml", directory.path + "/plain.yaml", directory.path + "/b/three.yaml",
        ])
    }

    @Test func theFileReplacesWhatItStatesAndAddsItsCRDsFirst() {
        var options = AnalysisOptions.bundled
        options.crdPaths = ["/editor/crds"]
        options.omitFunctionEnabled = true
        options.policy.severities = ["KRO334": .info, "KRO909": .error]
        var config = ProjectConfiguration(directory: "/p")
        config.crds = ["crds", "/abs/x.yaml"]
        config.severities = ["KRO334": .warning]
        config.catalog = false
        options.adopt(config, crdPaths: ProjectConfigurationLoader.crdPaths(of: config))
        #expect(options.crdPaths == ["/p/crds", "/abs/x.yaml", "/editor/crds"])
        #expect(options.policy.severities == ["KRO334": .warning, "KRO909": .error])
        #expect(!options.catalogEnabled)
        #expect(options.omitFunctionEnabled, "the file says nothing about the gate")
        #expect(!options.policy.strictSchemas)
    }

    @Test func theAnalysisAppliesThePolicyAfterSuppressions() {
        let text = rgd("""
              resources:
                - id: widget
                  template:
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata:
                      name: ${schema.spec.name} # kro-lsp: ignore KRO334
            """)
        func graded(_ policy: DiagnosticPolicy) -> [String] {
            var options = AnalysisOptions.bundled
            options.policy = policy
            return DocumentAnalyzer.analyze(SourceText(text), options: options).diagnostics.map { "\($0.code) \($0.severity)" }
        }
        #expect(graded(DiagnosticPolicy()) == ["KRO905 information", "KRO919 warning"])
        var strict = DiagnosticPolicy()
        strict.strictSchemas = true
        strict.severities = ["KRO919": .off]
        #expect(graded(strict) == ["KRO905 error"])
        var loud = DiagnosticPolicy()
        loud.warningsAsErrors = true
        #expect(graded(loud) == ["KRO905 information", "KRO919 error"])
    }
}
