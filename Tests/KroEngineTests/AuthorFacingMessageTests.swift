import Testing
import YAMLSyntax
@testable import KroEngine

/// Did-you-mean of every kind carried as a fix, and messages in the author's terms.
@Suite struct AuthorFacingMessageTests {
    func configMap(_ data: String) -> MarkedText {
        MarkedText(rgd("""
              workers: "[]string"
          resources:
          - id: cm
            template:
              kind: ConfigMap
              apiVersion: v1
              data:
                \(data)
              metadata: {name: x}
        """))
    }

    func only(_ code: String, _ marked: MarkedText) -> [Diagnostic] {
        diagnostics(marked).filter { $0.code == code }
    }

    func expectFix(_ d: Diagnostic?, _ text: String, at range: TextRange, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(d?.fixes.count == 1, sourceLocation: sourceLocation)
        #expect(d?.fixes.first?.edits == [SourceEdit(range: range, newText: text)], sourceLocation: sourceLocation)
    }

    @Test func anUnknownGlobalFunctionSuggestsTheCELName() {
        let marked = configMap("a: ${1️⃣upper2️⃣(schema.spec.name)}")
        let d = only("KRO312", marked).first
        #expect(d?.range == marked.range(1, 2))
        #expect(d?.message == "uses unknown function \"upper\" (did you mean \"upperAscii\"?)")
        expectFix(d, "upperAscii", at: marked.range(1, 2))
    }

    @Test func anUnknownMemberFunctionSuggestsTheClosestDeclaredOne() {
        let marked = configMap("a: ${schema.spec.name.1️⃣lowerAsci2️⃣()}")
        let d = only("KRO333", marked).first
        #expect(d?.range == marked.range(1, 2))
        #expect(d?.message.hasSuffix("did you mean 'lowerAscii'?") == true)
        expectFix(d, "lowerAscii", at: marked.range(1, 2))
        let familiar = configMap("a: ${schema.spec.name.1️⃣toUpperCase2️⃣()}")
        expectFix(only("KRO333", familiar).first, "upperAscii", at: familiar.range(1, 2))
    }

    @Test func aMisspeltFieldOfASchemaIsFixable() {
        let marked = configMap("a: ${schema.spec.1️⃣nme2️⃣}")
        expectFix(only("KRO333", marked).first, "name", at: marked.range(1, 2))
        let reference = configMap("a: ${1️⃣shema2️⃣.spec.name}")
        expectFix(only("KRO311", reference).first, "schema", at: reference.range(1, 2))
    }

    @Test func aMisspeltKubernetesFieldIsFixable() {
        let marked = MarkedText(rgd("""
          resources:
          - id: pod
            template:
              apiVersion: v1
              kind: Pod
              metadata: {name: x}
              spec:
                1️⃣containr2️⃣: []
        """))
        let d = only("KRO304", marked).first
        #expect(d?.range == marked.range(1, 2))
        #expect(d?.message.hasSuffix("(did you mean \"containers\"?)") == true)
        expectFix(d, "containers", at: marked.range(1, 2))
    }

    @Test func aMisspeltMarkerIsFixable() {
        let marked = MarkedText(rgd("      size: integer | 1️⃣defualt2️⃣=3"))
        let d = only("KRO112", marked).first
        #expect(d?.range == marked.range(1, 2))
        #expect(d?.message.hasSuffix("(did you mean \"default\"?)") == true)
        expectFix(d, "default", at: marked.range(1, 2))
    }

    @Test func messagesQuoteTheTemplateAsWritten() {
        let marked = configMap(#"a: "${schema.spec.nme}-svc""#)
        let d = only("KRO333", marked).first
        #expect(d?.message.hasPrefix("failed to compile template expression \"${schema.spec.nme}-svc\" at path \"data.a\"") == true,
                "\(String(describing: d?.message))")
    }

    @Test func messagesNameFieldPathsNotInternalTypes() {
        let marked = configMap("a: ${schema.spec.workers.map(w, w) + 1}")
        let d = only("KRO333", marked).first
        #expect(d?.message.contains("__type_") == false, "\(String(describing: d?.message))")
        #expect(d?.message.contains("list(string)") == true, "\(String(describing: d?.message))")
        let object = configMap("a: ${schema.spec + 1}")
        let message = only("KRO333", object).first?.message ?? ""
        #expect(message.contains("'(schema.spec, int)'"), "\(message)")
        #expect(AuthorTerms.rewrite("got list(__type_workers) and __type_schema.spec.ports.@idx.name")
                == "got list(workers) and schema.spec.ports[*].name")
    }

    @Test func parseErrorsSayEndOfExpression() {
        let marked = configMap("a: ${schema.spec.name +}")
        let message = only("KRO310", marked).first?.message ?? ""
        #expect(!message.contains("<EOF>"), "\(message)")
        #expect(message.contains("the expression ended early"), "\(message)")
    }
}
