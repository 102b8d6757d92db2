import Testing
import YAMLSyntax
@testable import KroEngine

/// One mistake, one diagnostic: follow-ons of a duplicate id, a failed field type and a
/// legacy-format RGD are not reported again.
@Suite struct OneRootCauseTests {
    func errors(_ marked: MarkedText) -> [Diagnostic] {
        diagnostics(marked).filter { $0.severity == .error }
    }

    static let cm = "{apiVersion: v1, kind: ConfigMap, metadata: {name: NAME}}"

    @Test func aDuplicateIDIsTheOnlyError() {
        let marked = MarkedText(rgd("""
          resources:
          - id: cm
            template: \(Self.cm.replacingOccurrences(of: "NAME", with: "a"))
          - id: 1️⃣cm2️⃣
            template: \(Self.cm.replacingOccurrences(of: "NAME", with: "\"${cm.metadata.name}-b\""))
          - id: user
            template: \(Self.cm.replacingOccurrences(of: "NAME", with: "\"${cm.metadata.name}-c\""))
        """))
        #expect(errors(marked).map { "\($0.code)@\($0.range)" } == ["KRO204@\(marked.range(1, 2))"])
    }

    @Test func aFieldWhoseTypeFailedIsNotAlsoUndefinedWhereItIsRead() {
        let marked = MarkedText(rgd("""
              items: "[]1️⃣strin2️⃣ | required=true"
              nested:
                other: 3️⃣strng4️⃣
          resources:
          - id: cm
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: "${schema.spec.items[0]}"}
              data: {x: "${schema.spec.nested.other}"}
        """))
        #expect(errors(marked).map { "\($0.code)@\($0.range)" } == ["KRO107@\(marked.range(1, 2))", "KRO107@\(marked.range(3, 4))"])
    }

    @Test func aBareObjectUnderResourcesIsOneErrorSayingToWrapIt() throws {
        let marked = MarkedText(rgd("""
          resources:
          - 1️⃣apiVersion2️⃣: v1
            kind: ConfigMap
            metadata:
              name: ${schema.spec.name}
            data: {a: b}
          - id: ok
            template: \(Self.cm.replacingOccurrences(of: "NAME", with: "x"))
        """))
        let found = errors(marked)
        #expect(found.map { "\($0.code)@\($0.range)" } == ["KRO011@\(marked.range(1, 2))"])
        let message = try #require(found.first?.message)
        #expect(message.contains("wrap the ConfigMap in \"template:\"") && message.contains("- id: configMap"), "\(message)")
    }

    @Test func theOldKindNameIsAWarningWithARenameFix() throws {
        let marked = MarkedText(rgd("").replacingOccurrences(of: "kind: ResourceGraphDefinition", with: "kind: 1️⃣ResourceGroup2️⃣"))
        let found = diagnostics(marked)
        let d = try #require(found.first { $0.code == "KRO002" })
        #expect(d.severity == .warning)
        #expect(d.range == marked.range(1, 2))
        #expect(d.message.contains("renamed ResourceGraphDefinition"))
        #expect(d.fixes.first?.edits == [SourceEdit(range: marked.range(1, 2), newText: "ResourceGraphDefinition")])
        #expect(found.filter { $0.severity == .error }.isEmpty)
    }
}
