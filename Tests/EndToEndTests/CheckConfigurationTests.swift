import Foundation
import KroTestSupport
import Testing

/// `.kro-lsp.yaml`, severity control, feature gates, the Helm-template skip and exit codes.
@Suite struct CheckConfigurationTests {
    func check(_ arguments: [String], _ files: [String: String]) throws -> CLIProcess.Result {
        let dir = try CLIProcess.directory(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try CLIProcess.run(["--check"] + arguments, directory: dir)
    }

    static let typeError = CheckTestDocuments.replicasAsString
    static let unknownKind = ConfigurationFixtures.widgets()

    @Test func aConfigurationInAParentFolderAppliesToFilesBelowIt() throws {
        let result = try check(["team"], [
            ".kro-lsp.yaml": "severity:\n  KRO334: warning\n",
            "team/rgds/app.yaml": Self.typeError,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("team/rgds/app.yaml:19:23: warning[KRO334]: "))
        #expect(result.stderr == "checked 1 file: 0 errors, 1 warning, 0 infos\n")
    }

    @Test func theCommandLineWinsOverTheConfiguration() throws {
        let files = [".kro-lsp.yaml": "severity: {KRO334: warning}\n", "app.yaml": Self.typeError]
        #expect(try check(["--severity", "KRO334=error", "app.yaml"], files).status == 1)
        let off = try check(["--severity", "KRO334=off", "app.yaml"], files)
        #expect(off.status == 0)
        #expect(off.stdout.isEmpty)
    }

    @Test func anExplicitConfigFileIsUsedInsteadOfTheNearestOne() throws {
        let result = try check(["--config", "ci/strict.yaml", "app.yaml"], [
            ".kro-lsp.yaml": "severity: {KRO334: off}\n",
            "ci/strict.yaml": "severity: {KRO334: info}\n",
            "app.yaml": Self.typeError,
        ])
        #expect(result.stdout.hasPrefix("app.yaml:19:23: info[KRO334]: "))
    }

    @Test func includeAndExcludeGlobsAndDefaultSkippedFolders() throws {
        let result = try check(["."], [
            ".kro-lsp.yaml": "include: [\"rgds/**\"]\nexclude: [\"**/drafts/**\"]\n",
            "rgds/a.yaml": Self.typeError,
            "rgds/drafts/b.yaml": Self.typeError,
            "rgds/node_modules/c.yaml": Self.typeError,
            "rgds/vendor/d.yaml": Self.typeError,
            "rgds/.git/e.yaml": Self.typeError,
            "other/f.yaml": Self.typeError,
        ])
        let files = Set(result.stdout.split(separator: "\n").map { String($0.prefix { $0 != ":" }) })
        #expect(files == ["./rgds/a.yaml"])
        #expect(result.stderr == "checked 1 file: 1 error, 0 warnings, 0 infos\n")
    }

    @Test func aBrokenConfigurationExits2() throws {
        let result = try check(["app.yaml"], [".kro-lsp.yaml": "severity: {KRO334: loud}\n", "app.yaml": Self.typeError])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".kro-lsp.yaml:1:20: severity.KRO334: expected error, warning, info or off"), "\(result.stderr)")
    }

    /// A misspelt code would change nothing; it is a usage error, with the nearest code.
    @Test func aSeverityForAnUnknownCodeExits2() throws {
        let flag = try check(["--severity", "KRO9O5=off", "app.yaml"], ["app.yaml": Self.typeError])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--severity: no diagnostic has the code KRO9O5 (did you mean KRO905?)."), "\(flag.stderr)")
        let file = try check(["app.yaml"], [".kro-lsp.yaml": "severity: {kro33: off}\n", "app.yaml": Self.typeError])
        #expect(file.status == 2)
        #expect(file.stderr.contains(".kro-lsp.yaml:1:12: severity.kro33: no diagnostic has the code KRO33"), "\(file.stderr)")
    }

    @Test func crdsNamedByAGlobInTheConfigurationTypeResources() throws {
        let crd = ConfigurationFixtures.widgetCRD()
        let withoutCRD = try check(["--strict-schemas", "app.yaml"], ["app.yaml": Self.unknownKind])
        #expect(withoutCRD.status == 1)
        #expect(withoutCRD.stdout.contains("error[KRO905]"))
        let withCRD = try check(["--strict-schemas", "app.yaml"], [
            ".kro-lsp.yaml": "crds: [\"deps/**/crd-*.yaml\"]\n", "deps/x/crd-widget.yaml": crd, "app.yaml": Self.unknownKind,
        ])
        #expect(withCRD.status == 0, "\(withCRD.stdout)\(withCRD.stderr)")
        #expect(withCRD.stdout.isEmpty)
    }

    @Test func unknownKindsAreInformationUnlessStrict() throws {
        let relaxed = try check(["app.yaml"], ["app.yaml": Self.unknownKind])
        #expect(relaxed.status == 0)
        #expect(relaxed.stdout.contains("info[KRO905]"))
        let strict = try check(["app.yaml"], [".kro-lsp.yaml": "strictSchemas: true\n", "app.yaml": Self.unknownKind])
        #expect(strict.status == 1)
    }

    @Test func warningsAsErrorsAndMaxWarnings() throws {
        let files = ["dup.yaml": "a: 1\na: 2\nb: 1\nb: 2\n"]
        #expect(try check(["dup.yaml"], files).status == 0)
        let strict = try check(["--warnings-as-errors", "dup.yaml"], files)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("error[KRO019]"))
        #expect(try check(["--max-warnings", "2", "dup.yaml"], files).status == 0)
        let over = try check(["--max-warnings", "1", "dup.yaml"], files)
        #expect(over.status == 1)
        #expect(over.stderr.contains("2 warnings exceed --max-warnings 1"))
    }

    @Test func theOmitFeatureGateFromTheCommandLineOrTheConfiguration() throws {
        let rgd = CheckTestDocuments.rgd(schemaLines: "      name: string\n      replicas: integer\n",
                                         templateSpec: "          replicas: \"${schema.spec.replicas == 0 ? omit() : schema.spec.replicas}\"\n")
        let off = try check(["app.yaml"], ["app.yaml": rgd])
        #expect(off.status == 1)
        #expect(off.stdout.contains("error[KRO314]"))
        #expect(try check(["--feature-gates", "CELOmitFunction=true", "app.yaml"], ["app.yaml": rgd]).status == 0)
        #expect(try check(["app.yaml"], [".kro-lsp.yaml": "featureGates: {CELOmitFunction: true}\n", "app.yaml": rgd]).status == 0)
        #expect(try check(["--feature-gates", "NoSuchGate=true", "app.yaml"], ["app.yaml": rgd]).status == 2)
    }

    @Test func aHelmTemplateIsSkippedOnceAsInformation() throws {
        let helm = "{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n"
        let result = try check(["chart"], ["chart/templates/cm.yaml": helm, "chart/values.yaml": "enabled: true\n"])
        #expect(result.status == 0)
        #expect(result.stdout == "chart/templates/cm.yaml:1:1: info[KRO918]: skipped: not YAML until a template engine renders it (Go template delimiters {{ … }}, e.g. a Helm template)\n")
        #expect(result.stderr == "checked 2 files: 0 errors, 0 warnings, 1 info\n")
    }

    @Test func exitCodes() throws {
        #expect(try check(["app.yaml"], ["app.yaml": CheckTestDocuments.clean]).status == 0)
        #expect(try check(["app.yaml"], ["app.yaml": Self.typeError]).status == 1)
        #expect(try check(["missing.yaml"], [:]).status == 2)
        let empty = try check(["docs"], ["docs/readme.txt": "x"])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("no YAML files to check in docs (hint: name files or folders holding *.yaml or *.yml)"))
        let filtered = try check(["rgds"], ["rgds/.kro-lsp.yaml": "include: [\"apps/**\"]\n",
                                            "rgds/a.yaml": CheckTestDocuments.clean, "rgds/b/c.yml": CheckTestDocuments.clean])
        #expect(filtered.status == 2)
        #expect(filtered.stderr.contains("no YAML files to check in rgds (the include and exclude globs of .kro-lsp.yaml left out the 2 found)"),
                "\(filtered.stderr)")
        #expect(try check(["--severity", "KRO334", "app.yaml"], ["app.yaml": Self.typeError]).status == 2)
        #expect(try check(["--max-warnings", "-1", "app.yaml"], ["app.yaml": Self.typeError]).status == 2)
    }
}
