import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

/// Inlay hints with the defaults of the `spec` fields an instance leaves out.
@Suite struct InstanceDefaultHintTests {
    static let rgdText = rgd(schema: """
        spec:
          name: string | required=true
          replicas: integer | default=3
          tier: string | default="dev"
          db:
            engine: string | default=postgres
            size: integer | default=10
          ports: "[]Port"
        types:
          Port:
            number: integer | required=true
            protocol: string | default=TCP
    """, """
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ${schema.spec.name}
    """)

    static let instance = """
        apiVersion: kro.run/v1alpha1
        kind: WebApp
        metadata:
          name: café☕
        spec:1️⃣
          name: é☕
          replicas: 5
          db:2️⃣
            size: 20
          ports:
            - number: 803️⃣
            - number: 81
              protocol: UDP

        """

    var openRGDs: [RGDAnalysis] { DocumentAnalyzer.analyze(SourceText(Self.rgdText), options: .bundled).rgds }

    @Test func omittedFieldsWithADefaultShowItAfterTheirMappingsKeyLine() {
        for m in [MarkedText(Self.instance), MarkedText(Self.instance).crlf] {
            let hints = InlayHints.hints(snapshot(m), in: TextRange(start: 0, end: m.text.utf8.count), openRGDs: openRGDs)
            #expect(hints.map(\.label) == [#"tier: "dev""#, #"engine: "postgres""#, #"protocol: "TCP""#])
            #expect(hints.map(\.offset) == [1, 2, 3].map { m.offsets[$0]! })
            #expect(hints.allSatisfy { $0.kind == .parameter && $0.tooltip == "default from the RGD's schema" })
        }
    }

    @Test func onlyHintsInTheRangeAndOnlyForInstancesOfAKnownRGD() {
        let m = MarkedText(Self.instance)
        let hints = InlayHints.hints(snapshot(m), in: TextRange(start: m.offsets[2]!, end: m.offsets[2]!), openRGDs: openRGDs)
        #expect(hints.map(\.label) == [#"engine: "postgres""#])
        #expect(InlayHints.hints(snapshot(m), in: TextRange(start: 0, end: m.text.utf8.count)).isEmpty)
    }

    @Test func anRGDInTheSameFileGivesItsInstanceDefaults() {
        let m = MarkedText(Self.rgdText + "\n---\napiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: a\nspec:1️⃣\n  name: a\n")
        let hints = InlayHints.hints(snapshot(m), in: TextRange(start: 0, end: m.text.utf8.count))
        #expect(hints.filter { $0.kind == .parameter }.map(\.label) == [#"db: {"engine":"postgres","size":10}"#, "replicas: 3", #"tier: "dev""#])
        #expect(hints.filter { $0.kind == .parameter }.allSatisfy { $0.offset == m.offsets[1]! })
    }
}
