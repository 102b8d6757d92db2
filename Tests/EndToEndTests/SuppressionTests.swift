import Foundation
import Testing

/// `# kro-lsp: ignore …` comments, used and unused.
@Suite struct SuppressionTests {
    func check(_ text: String, _ arguments: [String] = []) throws -> CLIProcess.Result {
        try CLIProcess.run(["--check"] + arguments + ["-"], stdin: text)
    }

    static func rgd(_ replicasLine: String) -> String {
        CheckTestDocuments.rgd(templateSpec: replicasLine)
    }

    @Test func anIgnoreCommentAtTheEndOfTheLineSuppresses() throws {
        let result = try check(Self.rgd("          replicas: ${schema.spec.name} # kro-lsp: ignore KRO334\n"))
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func anIgnoreCommentOnTheLineAboveSuppresses() throws {
        let result = try check(Self.rgd("          # kro-lsp: ignore KRO905, KRO334\n\n          replicas: ${schema.spec.name}\n"))
        #expect(result.status == 0)
        // KRO905 has no finding there: reported as unused, at the code.
        #expect(result.stdout == "<stdin>:19:29: warning[KRO919]: unused suppression: no KRO905 finding on line 21\n")
    }

    @Test func anUnusedSuppressionIsAWarningThatCanBeTurnedOff() throws {
        let text = Self.rgd("          replicas: 1 # kro-lsp: ignore KRO334\n")
        let result = try check(text)
        #expect(result.status == 0)
        #expect(result.stdout == "<stdin>:19:41: warning[KRO919]: unused suppression: no KRO334 finding on line 19\n")
        #expect(try check(text, ["--severity", "KRO919=off"]).stdout.isEmpty)
    }

    @Test func ignoreFileCoversTheWholeDocumentOnly() throws {
        let doc = Self.rgd("          replicas: ${schema.spec.name}\n")
        let result = try check("# kro-lsp: ignore-file KRO334\n" + doc + "---\n" + doc)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("<stdin>:49:23: error[KRO334]") == true, "\(result.stdout)")
    }

    @Test func aHashInsideABlockScalarOrAQuotedStringIsNotAComment() throws {
        let text = Self.rgd("""
                  replicas: ${schema.spec.name}

        """).replacingOccurrences(of: "      name: string\n", with: """
              name: string
              note: |
                # kro-lsp: ignore KRO334
              other: 'string | default="# kro-lsp: ignore KRO334"' 

        """)
        let result = try check(text)
        #expect(result.status == 1)
        #expect(result.stdout.contains("error[KRO334]"))
        #expect(!result.stdout.contains("KRO919"))
    }
}
