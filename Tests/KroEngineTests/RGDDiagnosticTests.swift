import Testing
import YAMLSyntax
@testable import KroEngine

/// Each catalogue code of phases 0–9 the engine decides without schemas or types, at its
/// exact range: the text between markers 1️⃣ and 2️⃣.
@Suite struct RGDDiagnosticTests {
    func expectCode(_ code: String, _ text: String, omit: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let marked = MarkedText(text)
        var options = AnalysisOptions.bundled
        options.omitFunctionEnabled = omit
        let found = diagnostics(marked, options: options)
        let hit = found.first { $0.code == code && $0.range == marked.range(1, 2) }
        #expect(hit != nil, "\(code) at \(marked.range(1, 2)); got \(found.map { "\($0.code)@\($0.range) \($0.message)" })",
                sourceLocation: sourceLocation)
    }

    static let cm = "apiVersion: v1, kind: ConfigMap"

    // MARK: phase 0

    @Test func admission() {
        expectCode("KRO004", "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\n1️⃣spec2️⃣:\n  resources: []\n")
        expectCode("KRO005", "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nspec:\n  1️⃣schema2️⃣:\n    kind: Demo\n")
        expectCode("KRO006", "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nspec:\n  schema:\n    apiVersion: 1️⃣v1beta2️⃣\n    kind: Demo\n")
        expectCode("KRO007", "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nspec:\n  schema:\n    apiVersion: v1\n    kind: 1️⃣demo2️⃣\n")
        expectCode("KRO008", rgd("    scope: 1️⃣Global2️⃣"))
        expectCode("KRO009", rgd("    shortNames: [ok, 1️⃣Bad_2️⃣]"))
        expectCode("KRO009", rgd("    categories: [a, 1️⃣a2️⃣]"))
        expectCode("KRO010", rgd("  resources:\n  - 1️⃣template: {\(Self.cm), metadata: {name: x}}2️⃣"))
        expectCode("KRO011", rgd("  resources:\n  - id: a\n    1️⃣template2️⃣: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n    externalRef: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO011", rgd("  resources:\n  - 1️⃣id: a2️⃣"))
        expectCode("KRO012", rgd("  resources:\n  - id: a\n    1️⃣externalRef2️⃣: {apiVersion: v1, kind: ConfigMap}"))
        expectCode("KRO013", rgd("  resources:\n  - id: a\n    externalRef:\n      apiVersion: v1\n      kind: ConfigMap\n      1️⃣metadata2️⃣: {namespace: x}"))
        expectCode("KRO014", rgd("  resources:\n  - id: a\n    externalRef: {apiVersion: v1, kind: ConfigMap, metadata: {name: 1️⃣\"\"2️⃣}}"))
        expectCode("KRO015", rgd("  resources:\n  - id: a\n    forEach:\n    - 1️⃣{x: \"${[1]}\", y: \"${[2]}\"}2️⃣\n    template: {\(Self.cm), metadata: {name: \"${string(x)}\"}}"))
        expectCode("KRO016", rgd("  resources:\n  - id: a\n    includeWhen: 1️⃣\"${true}\"2️⃣\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO017", rgd("  resources:\n  - id: a\n    1️⃣readywhen2️⃣: []\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO003", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {v: 1️⃣.inf2️⃣}}"))
    }

    // MARK: phase 1

    @Test func naming() {
        expectCode("KRO201", rgd("", kind: "1️⃣Web_App2️⃣"))
        expectCode("KRO202", rgd("  resources:\n  - id: 1️⃣schema2️⃣\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO203", rgd("  resources:\n  - id: 1️⃣my-app2️⃣\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO204", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n  - id: 1️⃣a2️⃣\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: y}}"))
        let dims = (0..<11).map { "{d\($0): \"${[1]}\"}" }.joined(separator: ", ")
        expectCode("KRO205", rgd("  resources:\n  - id: a\n    1️⃣forEach2️⃣: [\(dims)]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO206", rgd("  resources:\n  - id: a\n    forEach: [{1️⃣my_it2️⃣: \"${[1]}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO207", rgd("  resources:\n  - id: a\n    forEach: [{1️⃣each2️⃣: \"${[1]}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO208", rgd("  resources:\n  - id: b\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n  - id: a\n    forEach: [{1️⃣b2️⃣: \"${[1]}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO209", rgd("  resources:\n  - id: a\n    forEach: [{it: \"${[1]}\"}, {1️⃣it2️⃣: \"${[2]}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${string(it)}\"}}"))
    }

    // MARK: phase 3

    @Test func structure() {
        expectCode("KRO212", rgd("  resources:\n  - id: a\n    1️⃣forEach2️⃣: [{it: \"${[1]}\"}]\n    externalRef: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO213", rgd("  resources:\n  - id: a\n    1️⃣template2️⃣: {kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO213", rgd("  resources:\n  - id: a\n    template: {apiVersion: 1️⃣12️⃣, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO214", rgd("  resources:\n  - id: a\n    1️⃣template2️⃣: {apiVersion: v1, metadata: {name: x}}"))
        expectCode("KRO215", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: 1️⃣[]2️⃣}"))
        expectCode("KRO216", rgd("  resources:\n  - id: a\n    template: {apiVersion: 1️⃣a/b/c2️⃣, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO217", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: 1️⃣Config_Map2️⃣, metadata: {name: x}}"))
        expectCode("KRO220", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: Namespace, metadata: {name: x, 1️⃣namespace2️⃣: y}}"))
        expectCode("KRO221", rgd("    scope: Cluster\n  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, 1️⃣metadata2️⃣: {name: x}}"))
        expectCode("KRO222", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x, labels: {1️⃣kro.run/x2️⃣: y}}}"))
        expectCode("KRO223", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x, annotations: {1️⃣internal.kro.run/x2️⃣: y}}}"))
        expectCode("KRO916", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, 1️⃣metadata2️⃣: {}}"))
    }

    // MARK: phases 4–6: expressions and references

    @Test func expressions() {
        expectCode("KRO301", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${f(1️⃣${2️⃣x})}\"}}"))
        expectCode("KRO302", rgd("  resources:\n  - id: a\n    includeWhen: [\"${true}1️⃣ and more2️⃣\"]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO901", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {v: \"1️⃣${2️⃣oops\"}}"))
        expectCode("KRO902", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {\"1️⃣${schema.spec.name}2️⃣\": v}}"))
        // Plain, single-quoted and escaped keys: the key's text is looked at, decoded.
        expectCode("KRO902", rgd("  resources:\n  - id: a\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: x}\n      data:\n        1️⃣${schema.spec.name}2️⃣: v\n"))
        expectCode("KRO902", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {'k-1️⃣${schema.spec.name}2️⃣': v}}"))
        expectCode("KRO902", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {\"1️⃣\\u0024{schema.spec.name}2️⃣\": v}}"))
        expectCode("KRO903", rgd("  resources:\n  - id: a\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: x}\n      data:\n        v: 1️⃣|\n          ${schema.spec.name}2️⃣\n"))
        // A syntax error inside a string template points into the YAML scalar.
        expectCode("KRO310", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"x-${schema.spec.name +1️⃣}2️⃣\"}}"))
        expectCode("KRO311", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${1️⃣schem2️⃣.spec.name}\"}}"))
        expectCode("KRO312", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${1️⃣nope2️⃣(1)}\"}}"))
        expectCode("KRO313", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${1️⃣runtime2️⃣.x}\"}}"))
        expectCode("KRO314", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {v: \"${1️⃣omit2️⃣()}\"}}"))
        expectCode("KRO315", rgd("  resources:\n  - id: a\n    forEach: [{i: \"${[1]}\"}, {j: \"${[1️⃣i2️⃣]}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${string(i) + string(j)}\"}}"))
        expectCode("KRO316", rgd("  resources:\n  - id: a\n    forEach: [{i: \"${[1]}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: 1️⃣fixed2️⃣}}"))
        expectCode("KRO317", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${1️⃣each2️⃣.x}\"}}"))
        expectCode("KRO318", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${1️⃣a2️⃣.metadata.uid}\"}}"))
        expectCode("KRO320", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${1️⃣omit2️⃣()}\"}}"), omit: true)
        expectCode("KRO331", rgd("  resources:\n  - id: a\n    forEach: [{i: \"${1️⃣omit2️⃣()}\"}]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${string(i)}\"}}"), omit: true)
        expectCode("KRO337", rgd("  resources:\n  - id: a\n    readyWhen: [\"${a.x &&1️⃣}2️⃣\"]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO338", rgd("  resources:\n  - id: a\n    readyWhen: [\"${1️⃣schema2️⃣.spec.x == a.x}\"]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO339", rgd("  resources:\n  - id: a\n    readyWhen: [\"${1️⃣nope2️⃣(a)}\"]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
        expectCode("KRO340", rgd("  resources:\n  - id: a\n    readyWhen: [\"${a.x == 1️⃣omit2️⃣()}\"]\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"))
    }

    @Test func escapedScalarsMapExactly() {
        // `\t` in a double-quoted scalar is one byte decoded, two in the file.
        expectCode("KRO311", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"\\t${1️⃣bogus2️⃣}\"}}"))
        expectCode("KRO311", rgd("  resources:\n  - id: a\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: 'it''s-${1️⃣bogus2️⃣}'}}"))
    }

    // MARK: phases 8–9: status and conditions

    @Test func status() {
        expectCode("KRO401", rgd("    status:\n      conditions: 1️⃣{a: b}2️⃣"))
        expectCode("KRO402", rgd("    status:\n      conditions: [1️⃣12️⃣]"))
        expectCode("KRO403", rgd("    status:\n      x: \"${f(1️⃣${2️⃣y})}\""))
        expectCode("KRO404", rgd("    status:\n      x: 1️⃣plain2️⃣"))
        // A leaf reached through an alias is reported at the alias.
        expectCode("KRO404", rgd("    status:\n      x: &p plain\n      y: 1️⃣*p2️⃣"))
        expectCode("KRO405", rgd("    status:\n      x: \"${1️⃣each2️⃣.y}\""))
        expectCode("KRO407", rgd("    status:\n      x: '${1️⃣\"const\"2️⃣}'"))
        expectCode("KRO410", rgd("    status:\n      conditions: [\"${true}1️⃣ x2️⃣\"]"))
        let c = "runtime.newCondition({type: 'A', status: 'True'})"
        expectCode("KRO411", rgd("    status:\n      conditions:\n      - \"${\(c)}\"\n      - \"${runtime.newCondition({type: 1️⃣'A'2️⃣, status: 'True'})}\""))
        expectCode("KRO412", rgd("    status:\n      conditions:\n      - \"${\(c)}\"\n      - \"${runtime.newCondition({type: 'B', status: runtime.condition(schema, 1️⃣'A'2️⃣).status})}\""))
        expectCode("KRO413", rgd("    status:\n      conditions:\n      - \"${runtime.newCondition({type: 'B', status: runtime.condition(schema, 1️⃣'Nope'2️⃣).status})}\""))
        expectCode("KRO414", rgd("    status:\n      conditions:\n      - \"${runtime.newCondition({type: 'B', status: 1️⃣'Yes'2️⃣})}\""))
        expectCode("KRO415", rgd("    status:\n      conditions:\n      - \"${runtime.newCondition({type: 1️⃣''2️⃣, status: 'True'})}\""))
        expectCode("KRO416", rgd("    status:\n      conditions:\n      - \"${runtime.newCondition({type: 'B', 1️⃣'status'2️⃣: 'True'})}\""))
        expectCode("KRO417", rgd("    status:\n      conditions:\n      - \"${runtime.newCondition({type: 'B', status: 1️⃣bogus2️⃣})}\""))
    }

    /// kubectl turns the plain key `n` into "false" (YAML 1.1): the finding says why the
    /// author's `n` is reported as "false".
    @Test func anIteratorKubectlReadsAsABooleanIsExplained() {
        let marked = MarkedText(rgd("  resources:\n  - id: a\n    forEach: [{1️⃣n2️⃣: \"${['x']}\"}]\n    template: {\(Self.cm), metadata: {name: x}}"))
        let found = diagnostics(marked).first { $0.code == "KRO207" }
        #expect(found?.range == marked.range(1, 2))
        #expect(found?.message == "resource \"a\": forEach iterator name \"false\" is a reserved keyword (kubectl reads a plain key n, no, off or false as the boolean false; quote the name to keep it)")
    }

    /// kro's integration test "runtime.condition reads kro's internal value, not the author's
    /// wire override": an entry may override a built-in type and another read it — kro checks
    /// built-ins before declared types, so this is no self-reference (KRO412).
    @Test func readingAnOverriddenBuiltinConditionIsAllowed() {
        let text = rgd("""
            status:
              conditions:
              - "${runtime.newCondition({type: 'ResourcesReady', status: 'True', reason: 'AuthorOverride', message: ''})}"
              - "${runtime.newCondition({type: 'DerivedReady', status: runtime.condition(schema, 'ResourcesReady').status, reason: '', message: ''})}"
          resources:
          - {id: cm, template: {\(Self.cm), metadata: {name: "${schema.spec.name}"}}}
        """)
        let found = diagnostics(MarkedText(text))
        #expect(found.isEmpty, "\(found.map { "\($0.code) \($0.message)" })")
    }

    @Test func validRGDHasNoFindings() {
        let text = rgd("""
            status:
              name: ${cm.metadata.name}
              conditions:
              - "${runtime.newCondition({type: 'Ok', status: runtime.condition(schema, 'Ready').status})}"
          resources:
          - id: cm
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: ${schema.spec.name}-${string(size(hash.fnv64a(schema.spec.name)))}
              data:
                items: ${[1, 2].map(x, string(x * 2)).join(",")}
          - id: copies
            forEach: [{idx: "${lists.range(2)}"}]
            readyWhen: ["${each.metadata.name != ''}"]
            includeWhen: ["${cm.data.items != ''}"]
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: "${cm.metadata.name}-${string(idx)}"}
        """)
        let found = diagnostics(MarkedText(text))
        #expect(found.isEmpty, "\(found.map { "\($0.code) \($0.message)" })")
    }
}
