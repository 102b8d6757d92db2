import KroEngine
@testable import KroIDE
import KroTestSupport
import Testing

@Suite struct CompletionTests {
    static let deployment = """
        - id: deployment
          template:
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ${schema.spec.name}
            spec:
              replicas: ${schema.spec.replicas}
    """

    func template(_ expression: String, schema: String = defaultSchema) -> String {
        rgd(schema: schema, Self.deployment + "\n" + """
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                data:
                  key: \(expression)
        """)
    }

    @Test func schemaFieldsWithTypesAndDocs() {
        let items = checkCompletion(template("${schema.spec.«»$0}"), contains: ["name", "replicas", "image", "ports", "labels"],
                                    excludes: ["schema", "size", "startsWith", "deepMerge"])
        let name = items.first { $0.label == "name" }
        #expect(name?.detail == "string (required)")
        #expect(name?.documentation?.contains("The app's name") == true)
        #expect(items.first { $0.label == "replicas" }?.documentation?.contains("default: `3`") == true)
    }

    @Test func partialWordIsReplaced() {
        checkCompletion(template("${schema.spec.«na»$0}"), contains: ["name"])
        checkCompletion(template("\"pre-${schema.spec.«re»$0}-post\""), contains: ["replicas"])
    }

    @Test func resourceFieldsFromTheKindsSchemaWhileUnclosed() {
        let items = checkCompletion(template("${deployment.spec.«»$0"), contains: ["replicas", "selector", "template", "strategy"])
        #expect(items.first { $0.label == "selector" }?.priority == 0)
        #expect(items.first { $0.label == "replicas" }?.documentation?.isEmpty == false)
        checkCompletion(template("${deployment.status.«avail»$0}"), contains: ["availableReplicas", "conditions"])
        checkCompletion(template("${deployment.metadata.«»$0}"), contains: ["name", "labels", "namespace"])
    }

    @Test func indexedAndOptionalPaths() {
        checkCompletion(template("${schema.spec.ports[0].«»$0}"), contains: ["number", "protocol"])
        checkCompletion(template("${deployment.spec.template.spec.containers[0].«»$0}"), contains: ["image", "ports", "env"])
        checkCompletion(template("${deployment.spec.?«»$0}"), contains: ["replicas"])
    }

    @Test func methodsAndMacrosByType() {
        checkCompletion(template("${schema.spec.name.«»$0}"), contains: ["startsWith", "size", "lowerAscii", "split"],
                        excludes: ["all", "name"])
        let list = checkCompletion(template("${schema.spec.ports.«»$0}"), contains: ["all", "exists", "map", "filter", "size"],
                                   excludes: ["startsWith"])
        #expect(list.first { $0.label == "map" }?.isSnippet == true)
        checkCompletion(template("${schema.spec.labels.«»$0}"), contains: ["all", "size", "merge"])
        checkCompletion(template("${hash.«»$0}"), contains: ["sha256", "md5", "fnv64a"])
    }

    @Test func topLevelNamesWhatTheKindMayReference() {
        let items = checkCompletion(template("${«»$0}"), contains: ["schema", "deployment", "size", "has", "true"],
                                    excludes: ["config"])
        #expect(items.first { $0.label == "deployment" }?.detail == "apps/v1 Deployment")
        let ready = rgd(Self.deployment + "\n" + """
              readyWhen:
                - ${«»$0}
        """)
        checkCompletion(ready, contains: ["deployment"], excludes: ["schema"])
    }

    /// Each resource id's documentation names its kind, what it reads and what reads it (the
    /// dependents are found in one pass for all the items, in declaration order).
    @Test func resourceIdsDocumentTheirDependents() {
        let text = rgd(Self.deployment + "\n" + """
            - id: service
              template:
                apiVersion: v1
                kind: Service
                metadata:
                  name: ${deployment.metadata.name}-${deployment.metadata.namespace}
            - id: monitor
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${service.metadata.name}
                data:
                  a: ${deployment.metadata.name}
                  b: ${«»$0}
        """)
        let items = checkCompletion(text, contains: ["deployment", "service"], excludes: ["monitor"])
        let deployment = items.first { $0.label == "deployment" }?.documentation ?? ""
        #expect(deployment.contains("depends on: nothing"))
        #expect(deployment.contains("dependents: `service`, `monitor`"))
        let service = items.first { $0.label == "service" }?.documentation ?? ""
        #expect(service.contains("depends on: `deployment`"))
        #expect(service.contains("dependents: `monitor`"))
    }

    @Test func forEachIteratorsInTheirTemplate() {
        let text = rgd(Self.deployment + "\n" + """
            - id: configs
              forEach:
                - port: ${schema.spec.ports}
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${«»$0}
        """)
        checkCompletion(text, contains: ["port", "schema", "deployment"], excludes: ["configs"])
    }

    @Test func simpleSchemaTypesAndMarkers() {
        let types = rgd(schema: """
            spec:
              name: «str»$0
            types:
              Port:
                number: integer
        """, "")
        checkCompletion(types, contains: ["string", "integer", "boolean", "Port", "[]", "map[string]"])
        checkCompletion(rgd(schema: "    spec:\n      name: string | «»$0", ""), contains: ["required", "default", "pattern", "minLength"],
                        excludes: ["minItems"])
        checkCompletion(rgd(schema: "    spec:\n      count: integer | «mi»$0", ""), contains: ["minimum", "default"], excludes: ["pattern"])
        checkCompletion(rgd(schema: "    spec:\n      tags: \"[]string | «»$0\"", ""), contains: ["minItems", "uniqueItems"])
    }

    /// A Deployment item whose `spec` has `replicas` and the cursor on the next line, its
    /// lines indented by `indent` (the `rgd` text puts `resources:` at column 2).
    static func deploymentSpec(indent: Int) -> String {
        """
        - id: deployment
          template:
            apiVersion: apps/v1
            kind: Deployment
            spec:
              replicas: 2
              «»$0
        """.split(separator: "\n").map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n")
    }

    /// `resources:` over `- id:` at the same column (the style most RGDs use): the item's
    /// keys are read as the template's, as with the items indented further.
    @Test func templateKeysUnderACompactResourceList() {
        checkCompletion(rgd(Self.deploymentSpec(indent: 2)), contains: ["selector", "template", "strategy"], excludes: ["replicas"])
        let top = "resources:\n- id: x\n  «»$0\n"
        #expect(LineContext(source: MarkedText(top).source, offset: MarkedText(top).position)?.parents == ["resources", "-"])
    }

    @Test func templateKeysRequiredFirstAndResourceKeys() {
        let items = checkCompletion(rgd(Self.deploymentSpec(indent: 4)), contains: ["selector", "template", "strategy"],
                                    excludes: ["replicas"])
        #expect(items.first { $0.label == "selector" }?.priority == 0 && items.first { $0.label == "strategy" }?.priority == 1)
        checkCompletion(rgd("""
            - id: deployment
              «»$0
        """), contains: ["template", "externalRef", "includeWhen", "readyWhen", "forEach"], excludes: ["id"])
    }

    @Test func apiVersionAndKindValuesFromTheStore() {
        let store = bundledSchemaStore
        checkCompletion(rgd("""
            - id: deployment
              template:
                apiVersion: apps/v1
                kind: «Dep»$0
        """), contains: ["Deployment", "StatefulSet"], excludes: ["ConfigMap"], store: store)
        checkCompletion(rgd("""
            - id: deployment
              template:
                kind: Deployment
                apiVersion: «»$0
        """), contains: ["apps/v1"], excludes: ["v1"], store: store)
    }

    @Test func crlfNonASCIIAndMultiDocument() {
        let text = MarkedText("# é\n---\n" + template("\"héllo ${schema.spec.«na»$0}\"")).crlf
        let items = Completion.items(snapshot(text), at: text.position)
        #expect(items.contains { $0.label == "name" && $0.range == text.ranges[0] })
    }

    /// Every prefix of an expression typed character by character completes without
    /// failing, and the points after each `.` offer the next level.
    @Test func expressionTypedCharacterByCharacter() {
        let full = "${deployment.spec.template.spec.containers[0].image}"
        var offered: [String: Set<String>] = [:]
        for n in 1...full.count {
            let typed = String(full.prefix(n))
            let m = MarkedText(template("\(typed)$0"))
            let labels = Set(Completion.items(snapshot(m), at: m.position).map(\.label))
            offered[typed] = labels
        }
        #expect(offered["${"]?.contains("deployment") == true)
        #expect(offered["${deployment."]?.contains("spec") == true)
        #expect(offered["${deployment.spec.template."]?.contains("spec") == true)
        #expect(offered["${deployment.spec.template.spec.containers[0]."]?.contains("image") == true)
        #expect(offered["${deployment.spec.template.spec.containers[0].im"]?.contains("image") == true)
    }
}
