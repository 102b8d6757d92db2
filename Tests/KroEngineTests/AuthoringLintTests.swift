import Testing
import YAMLSyntax
@testable import KroEngine

/// kro-lsp's lints KRO906, KRO907, KRO911, KRO915 and the KRO917 hint, at exact ranges.
@Suite struct AuthoringLintTests {
    func only(_ code: String, _ marked: MarkedText) -> [Diagnostic] {
        diagnostics(marked).filter { $0.code == code }
    }

    static let configMap = "  resources:\n" + RGDFixture.indented(RGDFixture.configMap("config", data: "key: value"), by: 2)

    @Test func aStatusFieldNamedStateIsKros() throws {
        let marked = MarkedText(rgd("""
            status:
              1️⃣state2️⃣: ${config.metadata.name}
              stateOfConfig: ${config.metadata.name}
        """ + "\n" + Self.configMap))
        let found = only("KRO906", marked)
        #expect(found.map(\.range) == [marked.range(1, 2)])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message.contains("overwrites") == true)
    }

    @Test func seededStringLongerThanEightRepeats() throws {
        let marked = MarkedText(rgd(Self.configMap.replacingOccurrences(
            of: "key: value",
            with: "key: ${random.seededString(1️⃣122️⃣, schema.spec.name)}\n        short: ${random.seededString(8, schema.spec.name)}")))
        let found = only("KRO911", marked)
        #expect(found.map(\.range) == [marked.range(1, 2)])
        #expect(found.first?.severity == .information)
        #expect(found.first?.message.contains("every 8 characters") == true)
    }

    /// The lint looks for the name in the text before walking the tree: it is still found
    /// with spaces around the `.`, inside a string template, and only there.
    @Test func seededStringIsFoundInEveryFormOfTheCall() throws {
        let marked = MarkedText(rgd(Self.configMap.replacingOccurrences(
            of: "key: value",
            with: "key: \"id-${random . seededString(1️⃣162️⃣, schema.spec.name)}\"\n        other: ${'seededString' + schema.spec.name}")))
        #expect(only("KRO911", marked).map(\.range) == [marked.range(1, 2)])
        #expect(AuthoringLints.contains("random.seededString(9, x)", "seededString"))
        #expect(!AuthoringLints.contains("random.seededStrin(9, x)", "seededString"))
        #expect(!AuthoringLints.contains("", "seededString") && AuthoringLints.contains("seededString", "seededString"))
    }

    @Test func includeWhenOnAnotherResourcesStatus() throws {
        let marked = MarkedText(rgd(Self.configMap + """

          - id: extra
            includeWhen:
            - ${1️⃣config.status2️⃣ != null && schema.spec.name != ""}
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: extra
        """))
        let found = only("KRO915", marked)
        #expect(found.map(\.range) == [marked.range(1, 2)])
        #expect(found.first?.message.contains("\"config.status\"") == true)
        // An includeWhen on the instance spec is fine.
        #expect(only("KRO915", MarkedText(rgd(Self.configMap + """

          - id: extra
            includeWhen:
            - ${schema.spec.name != ""}
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: extra
        """))).isEmpty)
    }

    @Test func untypedStatusFieldsOfTypedResources() throws {
        let marked = MarkedText(rgd("""
            status:
              raw: ${1️⃣json.unmarshal(config.data.key)2️⃣}
              name: ${config.metadata.name}
        """ + "\n" + Self.configMap))
        let found = only("KRO907", marked)
        #expect(found.map(\.range) == [marked.range(1, 2)])
        #expect(found.first?.message.contains("has type \"dyn\"") == true)
        // A resource without a schema is KRO905's to report, not KRO907's.
        let unknown = MarkedText(rgd("""
            status:
              raw: ${thing.status.anything}
          resources:
          - id: thing
            template:
              apiVersion: example.com/v1
              kind: Thing
              metadata:
                name: x
        """))
        #expect(only("KRO907", unknown).isEmpty)
        #expect(only("KRO905", unknown).count == 1)
    }

    @Test func aStringInSecretDataSuggestsStringData() throws {
        let marked = MarkedText(rgd("""
          resources:
          - id: secret
            template:
              apiVersion: v1
              kind: Secret
              metadata:
                name: s
              data:
                password: ${1️⃣schema.spec.name2️⃣}
              stringData:
                user: ${schema.spec.name}
        """))
        #expect(only("KRO334", marked).map(\.range) == [marked.range(1, 2)])
        let hint = only("KRO917", marked)
        #expect(hint.map(\.range) == [marked.range(1, 2)])
        #expect(hint.first?.severity == .hint)
        #expect(hint.first?.message.contains("put the string under stringData") == true)
    }
}
