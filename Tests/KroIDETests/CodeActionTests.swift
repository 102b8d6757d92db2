import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

@Suite struct CodeActionTests {
    func apply(_ edits: [SourceEdit], to text: String) -> String {
        var bytes = Array(text.utf8)
        for e in edits.sorted(by: { $0.range.start > $1.range.start }) {
            bytes.replaceSubrange(e.range.start..<e.range.end, with: e.newText.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let misspelt = rgd("""
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ${schema.spec.$0nmae}
    """)

    @Test func suppressionCommentKeepsIndentationAndSilencesTheFinding() throws {
        for variant in [MarkedText(Self.misspelt), MarkedText(Self.misspelt).crlf] {
            let snap = snapshot(variant)
            let finding = try #require(snap.diagnostics.first { $0.range.touches(variant.position) })
            let action = try #require(CodeActions.actions(snap, range: TextRange(start: variant.position, end: variant.position))
                .first { $0.title.hasPrefix("Ignore") })
            let fixed = apply(action.edits, to: variant.text)
            let newline = variant.text.contains("\r\n") ? "\r\n" : "\n"
            let expected = "\n          # kro-lsp: ignore \(finding.code)\(newline)          name: ${schema.spec.nmae}"
            #expect(fixed.contains(expected))
            let after = DocumentSnapshot.analyze(SourceText(fixed))
            #expect(!after.diagnostics.contains { $0.code == finding.code })
        }
    }

    @Test func structuredFixesBecomeQuickFixes() throws {
        let m = MarkedText(rgd("""
            - id: deployment
              template:
                apiVersion: apps/v1
                kind: $0Deploymnet
        """))
        let snap = snapshot(m)
        let actions = CodeActions.actions(snap, range: TextRange(start: m.position, end: m.position))
        let fix = try #require(actions.first { $0.title.contains("Deployment") })
        #expect(apply(fix.edits, to: m.text).contains("kind: Deployment"))
    }
}
