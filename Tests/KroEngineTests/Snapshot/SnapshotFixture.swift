import YAMLSyntax
@testable import KroEngine

/// An RGD that uses every kind of symbol: schema fields (plain, through a custom type),
/// a custom type, resource ids (standalone, in a template with non-ASCII text), and a
/// forEach iterator. Markers: 1 `name` definition, 2 `Port` definition, 3 `web` id,
/// 4 `name` in a standalone expression, 5 `name` in a string template after `é`,
/// 6 `number` through `ports[0]`, 7 `web` used by `svc`, 8 the `item` iterator, 9 its use.
enum SnapshotFixture {
    static let marked = """
    apiVersion: kro.run/v1alpha1
    kind: ResourceGraphDefinition
    metadata:
      name: demo
    spec:
      schema:
        apiVersion: v1alpha1
        kind: Demo
        spec:
          1️⃣name: string
          ports: "[]Port"
        types:
          2️⃣Port:
            number: integer
      resources:
      - id: 3️⃣web
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: ${schema.spec.4️⃣name}
            labels:
              greeting: "héllo-${schema.spec.5️⃣name}"
          data:
            port: ${string(schema.spec.ports[0].6️⃣number)}
      - id: svc
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: "hé-${7️⃣web.metadata.name}"
      - id: cms
        forEach:
        - 8️⃣item: ${schema.spec.ports}
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: ${string(9️⃣item.number)}
    """

    static func snapshot(crlf: Bool = false) -> (DocumentSnapshot, MarkedText) {
        let text = crlf ? marked.replacingOccurrences(of: "\n", with: "\r\n") : marked
        let m = MarkedText(text)
        return (DocumentSnapshot.analyze(m.source, version: 7, options: .bundled), m)
    }
}
