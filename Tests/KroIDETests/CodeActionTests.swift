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
            let after = DocumentSnapshot.analyze(SourceText(fixed), options: .bundled)
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

/// The fixes that add what is missing: a legacy resource wrapped in `template:` with an
/// `id:` (KRO011), an `id:` (KRO010), a required field of an instance (KRO601).
@Suite struct AddMissingFieldFixTests {
    func fix(_ m: MarkedText, titled prefix: String, alsoReported: [Diagnostic] = [],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let snap = snapshot(m)
        let actions = CodeActions.actions(snap, range: TextRange(start: m.position, end: m.position), alsoReported: alsoReported)
        let action = try #require(actions.first { $0.title.hasPrefix(prefix) }, "\(actions.map(\.title))", sourceLocation: sourceLocation)
        return CodeActionTests().apply(action.edits, to: m.text)
    }

    static let legacy = rgd("""
        - $0apiVersion: v1
          kind: ConfigMap
          metadata:
            # the café's settings
            name: café

          data:
            k: v
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: second}
    """)

    @Test func aBareObjectIsWrappedInTemplateWithAnIDFromItsKind() throws {
        for m in [MarkedText(Self.legacy), MarkedText(Self.legacy).crlf] {
            let fixed = try fix(m, titled: "Wrap the ConfigMap in template: with id: configMap")
            let expected = MarkedText(rgd("""
                - id: configMap
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      # the café's settings
                      name: café

                    data:
                      k: v
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: second}
            """))
            #expect(fixed == (m.text.contains("\r\n") ? expected.crlf.text : expected.text))
            let after = DocumentSnapshot.analyze(SourceText(fixed), options: .bundled)
            #expect(after.diagnostics.filter { $0.code == "KRO011" }.count == 1)  // the second one only
            #expect(after.rgds.first?.rgd.resources.first?.id?.value == "configMap")
        }
    }

    @Test func theSecondBareObjectOfAKindGetsAnotherID() throws {
        let m = MarkedText(Self.legacy.replacingOccurrences(of: "$0", with: "").replacingOccurrences(of: "- apiVersion: v1\n      kind: ConfigMap\n      metadata: {", with: "- $0apiVersion: v1\n      kind: ConfigMap\n      metadata: {"))
        let fixed = try fix(m, titled: "Wrap the ConfigMap in template: with id: configMap2")
        #expect(fixed.contains("    - id: configMap2\n      template:\n        apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: second}"))
    }

    @Test func aFlowStyleObjectIsWrappedInFlowStyle() throws {
        let m = MarkedText(rgd("""
            - {$0apiVersion: v1, kind: Service, metadata: {name: s}}
        """))
        let fixed = try fix(m, titled: "Wrap the Service in template: with id: service")
        #expect(fixed.contains("    - {id: service, template: {apiVersion: v1, kind: Service, metadata: {name: s}}}"))
        #expect(!DocumentSnapshot.analyze(SourceText(fixed), options: .bundled).diagnostics.contains { $0.code == "KRO011" })
    }

    @Test func aMissingIDIsAddedFromTheKindAvoidingTakenAndReservedNames() throws {
        let m = MarkedText(rgd("""
            - id: service
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
            - $0template:
                apiVersion: v1
                kind: Service
                metadata:
                  name: b
            - template:
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: c
        """))
        let fixed = try fix(m, titled: "Add id: service2")
        #expect(fixed.contains("    - id: service2\n      template:\n        apiVersion: v1\n        kind: Service"))
        let after = DocumentSnapshot.analyze(SourceText(fixed), options: .bundled)
        // `namespace` is reserved: the Namespace's fix proposes `namespace2`.
        let other = try #require(after.diagnostics.first { $0.code == "KRO010" })
        #expect(other.fixes.map(\.title) == ["Add id: namespace2"])
    }

    static let instanceRGD = RGDFixture.head(name: "app", kind: "App", schema: """
            spec:
              name: string | required=true
              size: integer | required=true minimum=3
              ports: "[]Port"
            types:
              Port:
                number: integer | required=true
                protocol: string | default=TCP
            """) + """
          resources:
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${schema.spec.name}
        """

    func instanceFindings(_ m: MarkedText) -> [Diagnostic] {
        let rgds = DocumentAnalyzer.analyze(SourceText(Self.instanceRGD), options: .bundled).rgds
        return Preview.instanceDiagnostics(YAMLParser.parse(m.source), rgds: rgds)
    }

    @Test func aMissingRequiredInstanceFieldIsAddedWithAPlaceholderItsSchemaAccepts() throws {
        let text = """
            apiVersion: kro.run/v1alpha1
            kind: App
            metadata:
              name: é
            $0spec:
              size: 5
              ports:
                - protocol: UDP
            """
        for m in [MarkedText(text), MarkedText(text).crlf] {
            let newline = m.text.contains("\r\n") ? "\r\n" : "\n"
            var fixed = try fix(m, titled: "Add required field name", alsoReported: instanceFindings(m))
            #expect(fixed.contains("spec:\(newline)  name: example\(newline)  size: 5"))
            // The list item's required field goes into the item, after its dash.
            let item = MarkedText(fixed.replacingOccurrences(of: "- protocol", with: "- $0protocol"))
            fixed = try fix(item, titled: "Add required field number", alsoReported: instanceFindings(item))
            #expect(fixed.contains("    - number: 1\(newline)      protocol: UDP"))
            #expect(instanceFindings(MarkedText(fixed)).isEmpty)
        }
    }

    @Test func aFlowMappingGetsTheFieldInFlowStyle() throws {
        let m = MarkedText("apiVersion: kro.run/v1alpha1\nkind: App\nmetadata:\n  name: a\n$0spec: {size: 4}\n")
        let fixed = try fix(m, titled: "Add required field name", alsoReported: instanceFindings(m))
        #expect(fixed.hasSuffix("spec: {name: example, size: 4}\n"))
    }
}
