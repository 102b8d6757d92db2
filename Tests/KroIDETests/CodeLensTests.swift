import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

@Suite struct CodeLensTests {
    /// `a` ← `b` ← `c` and `a` ← `c`: a chain with one shortcut, on a non-ASCII file.
    static let chain = """
        «apiVersion»: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: chaîne # ☕
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Chain
            spec:
              name: string | default="é"
          resources:
            - «id»: a
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${schema.spec.name}
            - «id»: b
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${a.metadata.name}-b
            - «id»: c
              readyWhen:
                - ${c.metadata.name != ""}
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${b.metadata.name}-${a.metadata.name}
        """

    func summary(_ lenses: [CodeLens]) -> [String] {
        lenses.map { "\($0.title) [\($0.action)] rgd \($0.rgdIndex)" }
    }

    @Test func rgdLensesRunTheCommandsAndResourceLensesCountDependents() {
        for m in [MarkedText(Self.chain), MarkedText(Self.chain).crlf] {
            let lenses = CodeLenses.lenses(snapshot(m))
            #expect(summary(lenses) == [
                "Preview [preview] rgd 0",
                "Scaffold instance [scaffoldInstance] rgd 0",
                "Generate CRD [generateCRD] rgd 0",
                "Creation order: a → b → c [none] rgd 0",
                "2 dependents: b, c [none] rgd 0",
                "1 dependent: c [none] rgd 0",
                "no dependents [none] rgd 0",
            ])
            #expect(lenses.map(\.range) == Array(repeating: m.ranges[0], count: 4) + m.ranges[1...])
        }
    }

    @Test func eachRGDOfAMultiDocumentFileGetsItsOwnLenses() {
        let second = Self.chain.replacingOccurrences(of: "chaîne", with: "other").replacingOccurrences(of: "kind: Chain", with: "kind: Other")
        let m = MarkedText(Self.chain + "\n---\n" + second)
        let lenses = CodeLenses.lenses(snapshot(m))
        #expect(lenses.filter { $0.action == .preview }.map(\.rgdIndex) == [0, 1])
        #expect(lenses.filter { $0.action == .preview }.map(\.range) == [m.ranges[0], m.ranges[4]])
    }

    @Test func anRGDKroWouldRejectOffersNoPreview() {
        // `missing` is no resource: kro rejects the RGD, so there is nothing to render.
        let m = MarkedText(rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${missing.metadata.name}
        """))
        let actions = CodeLenses.lenses(snapshot(m)).map(\.action)
        #expect(!actions.contains(.preview) && !actions.contains(.scaffoldInstance))
        #expect(actions.contains(.generateCRD))
    }

    @Test func aCycleHasNoCreationOrder() {
        let m = MarkedText(rgd("""
            - id: p
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${q.metadata.name}
            - id: q
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${p.metadata.name}
        """))
        let titles = CodeLenses.lenses(snapshot(m)).map(\.title)
        #expect(!titles.contains { $0.hasPrefix("Creation order") })
        #expect(titles.filter { $0.hasPrefix("1 dependent") } == ["1 dependent: q", "1 dependent: p"])
    }

    @Test func longListsAreCutAfterFiveNames() {
        let users = (1...7).map { i in """
            - id: u\(i)
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${base.metadata.name}-\(i)
        """ }.joined(separator: "\n")
        let m = MarkedText(rgd("""
            - id: base
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: base
        \(users)
        """))
        let titles = CodeLenses.lenses(snapshot(m)).map(\.title)
        #expect(titles.contains("7 dependents: u1, u2, u3, u4, u5 +2 more"))
        #expect(titles.contains("Creation order: base → u1 → u2 → u3 → u4 +3 more"))
    }

    @Test func aFileWithoutRGDHasNoLenses() {
        #expect(CodeLenses.lenses(DocumentSnapshot.analyze(SourceText("apiVersion: v1\nkind: ConfigMap\n"), options: .bundled)).isEmpty)
    }
}
