import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

@Suite struct InlayHintTests {
    static let text = rgd(schema: """
        spec:
          name: string
          replicas: integer | default=3
          ports: "[]Port"
        types:
          Port:
            number: integer
        status:
          names: ${deployment.map(d, d.metadata.name)}1️⃣
    """, """
        - id: deployment
          forEach:
            - port: ${schema.spec.ports}2️⃣
          includeWhen:
            - ${schema.spec.replicas > 0}
          template:
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: "é☕-${schema.spec.name}"
              labels:
                app: "${schema.spec.name}"3️⃣
            spec:
              replicas: ${schema.spec.replicas * 2}4️⃣
              minReadySeconds: ${5}
              paused: ${schema.spec.nope}
              revisionHistoryLimit: ${port.number + }
    """)

    @Test func typesAfterStandaloneExpressionsOnly() {
        for m in [MarkedText(Self.text), MarkedText(Self.text).crlf] {
            let hints = InlayHints.hints(snapshot(m), in: TextRange(start: 0, end: m.text.utf8.count))
            #expect(hints.map(\.offset) == [1, 2, 3, 4].map { m.offsets[$0]! })
            #expect(hints.map(\.label) == [": list(string)", ": list(object)", ": string", ": int"])
        }
    }

    @Test func onlyHintsInTheRange() {
        let m = MarkedText(Self.text)
        let hints = InlayHints.hints(snapshot(m), in: TextRange(start: m.offsets[3]!, end: m.offsets[4]!))
        #expect(hints.map(\.label) == [": string", ": int"])
    }
}
