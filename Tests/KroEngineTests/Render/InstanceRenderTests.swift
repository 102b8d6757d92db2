import CEL
import JSON
import Testing
import YAMLSyntax
@testable import KroEngine

/// Whole rendered objects for cases worked out from rgd.md §18 and kro's runtime
/// (`pkg/runtime`, the instance controller's `applyDecoratorMetadata`).
@Suite struct InstanceRenderTests {
    static let demoApplySet = "applyset-bq8xJKZ572HBS5OdYQTdOSyOfFvB5wHEtdsy68B2OZE-v1"   // demo.default.Demo.kro.run

    func expectObject(_ actual: JSONValue?, _ expectedYAML: String, node: String, applyOrder: Int = 1,
                      collection: (Int, Int)? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let labels = kroChildLabels(node: node, instance: "demo", namespace: "default", kind: "Demo",
                                    applySet: Self.demoApplySet, collection: collection)
        let expected = withKroMetadata(yamlObject(expectedYAML), labels: labels, applyOrder: applyOrder)
        #expect(actual?.sortedKeys() == expected.sortedKeys(), sourceLocation: sourceLocation)
    }

    @Test func defaultsNestedAndInArraysReachTheTemplate() throws {
        let rgd = demoRGD(schema: """
                types:
                  Port:
                    number: integer | default=80
                    protocol: string | default="TCP"
                spec:
                  name: string | required=true
                  ports: "[]Port"
                  settings:
                    level: string | default="info"
                    limits:
                      cpu: string | default="100m"
                """, resources: """
                - id: config
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ${schema.spec.name}
                    data:
                      level: ${schema.spec.settings.level}
                      cpu: ${schema.spec.settings.limits.cpu}
                      first: ${string(schema.spec.ports[0].number) + "/" + schema.spec.ports[0].protocol}
                      second: ${string(schema.spec.ports[1].number)}
                """)
        let instance = """
            apiVersion: kro.run/v1alpha1
            kind: Demo
            metadata:
              name: demo
            spec:
              name: app
              ports:
              - {}
              - number: 8080
              settings: {}
            """
        let result = try #require(renderPreview(rgd, instance))
        #expect(result.admission.diagnostics.isEmpty)
        expectObject(result.node("config")?.objects.first, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
              namespace: default
            data:
              level: info
              cpu: 100m
              first: 80/TCP
              second: "8080"
            """, node: "config")
        #expect(result.instance?["spec"]?.sortedKeys() == yamlObject("""
            name: app
            ports: [{number: 80, protocol: TCP}, {number: 8080, protocol: TCP}]
            settings: {level: info, limits: {cpu: 100m}}
            """).sortedKeys())
    }

    @Test func includeWhenFalseSkipsTheResourceAndItsDependents() throws {
        let rgd = demoRGD(schema: """
                spec:
                  monitoring: boolean | default=false
                """, resources: """
                - id: app
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: app
                - id: monitor
                  includeWhen:
                  - ${schema.spec.monitoring}
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: monitor
                - id: dashboard
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ${monitor.metadata.name + "-dashboard"}
                """)
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\n"))
        #expect(result.nodes.map(\.id) == ["app", "monitor", "dashboard"])
        #expect(result.node("monitor")?.outcome == .skipped(reason: "includeWhen ${schema.spec.monitoring} is false"))
        #expect(result.node("dashboard")?.outcome == .skipped(reason: "depends on \"monitor\", which is skipped"))
        #expect(result.node("dashboard")?.objects.isEmpty == true)
        // app: waves — app has no dependents (2), monitor is depended on (1).
        expectObject(result.node("app")?.objects.first, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app, namespace: default}
            """, node: "app", applyOrder: 2)
        #expect(result.instance?["status"]?["state"] == "ACTIVE")

        let on = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  monitoring: true\n"))
        #expect(on.node("dashboard")?.objects.first?["metadata"]?["name"] == "monitor-dashboard")
    }

    /// `shards`: one ConfigMap per (region, tier) of the instance's two lists.
    var shardsRGD: String {
        demoRGD(schema: """
                spec:
                  regions: "[]string"
                  tiers: "[]string"
                """, resources: """
                - id: shards
                  forEach:
                  - region: ${schema.spec.regions}
                  - tier: ${schema.spec.tiers}
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ${region + "-" + tier}
                    data:
                      region: ${region}
                """)
    }

    @Test func twoDimensionalForEachExpandsTheCartesianProductInOrder() throws {
        let rgd = shardsRGD
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  regions: [eu, us]\n  tiers: [web, db]\n"
        let result = try #require(renderPreview(rgd, instance))
        let objects = try #require(result.node("shards")?.objects)
        #expect(objects.map { $0["metadata"]?["name"]?.stringValue } == ["eu-web", "eu-db", "us-web", "us-db"])
        expectObject(objects[2], """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: us-web, namespace: default}
            data: {region: us}
            """, node: "shards", collection: (2, 4))

        let empty = try #require(renderPreview(rgd, instance.replacingOccurrences(of: "[web, db]", with: "[]")))
        #expect(empty.node("shards")?.outcome == .rendered)
        #expect(empty.node("shards")?.objects.isEmpty == true)
    }

    @Test func aCollectionOverTheMaximumSizeIsAnErrorNamingTheLimit() throws {
        let rgd = shardsRGD
        func instance(regions: Int, tiers: Int) -> String {
            let list = { (prefix: String, n: Int) in "[" + (0..<n).map { "\(prefix)\($0)" }.joined(separator: ", ") + "]" }
            return "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n"
                + "  regions: \(list("r", regions))\n  tiers: \(list("t", tiers))\n"
        }
        // 40 × 25 is kro's maximum of 1,000 objects exactly; 40 × 26 is one dimension too many.
        let atLimit = try #require(renderPreview(rgd, instance(regions: 40, tiers: 25)))
        #expect(atLimit.node("shards")?.objects.count == 1000)
        #expect(atLimit.diagnostics.isEmpty)
        let over = try #require(renderPreview(rgd, instance(regions: 40, tiers: 26)))
        #expect(over.node("shards")?.outcome == .failed(reason: "collection size of 1040 is over the maximum collection size of 1000"))
        #expect(over.diagnostics.map(\.code) == ["KRO607"])
        #expect(over.node("shards")?.objects.isEmpty == true)
    }

    /// Collections within kro's size each, but too many objects together for one preview:
    /// the node going over kro-lsp's limit is an error naming it, the nodes after it are
    /// skipped, and those before it keep their objects.
    @Test func aPreviewOverTheObjectLimitStopsAtTheNodeGoingOverIt() throws {
        let collection = { (id: String) in
            "- id: \(id)\n  forEach:\n    - entry: ${schema.spec.names}\n"
                + "  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"\(id)-${entry}\"}}\n"
        }
        let rgd = demoRGD(schema: "spec:\n  names: \"[]string\"", resources: collection("a") + collection("b")
            + "- id: single\n  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: one}}\n" + collection("c"))
        let names = "[" + (0..<300).map { "n\($0)" }.joined(separator: ", ") + "]"
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  names: \(names)\n"
        var options = RenderOptions()
        options.maxPreviewObjects = 601
        let result = try #require(renderPreview(rgd, instance, options: options))
        #expect(result.nodes.map(\.id) == ["a", "b", "single", "c"])
        #expect(result.node("a")?.objects.count == 300 && result.node("b")?.objects.count == 300)
        #expect(result.node("single")?.objects.count == 1)
        let message = "the preview would hold 901 objects, over kro-lsp's limit of 601; this node and the ones after it are not rendered"
        #expect(result.node("c")?.outcome == .failed(reason: message))
        #expect(result.diagnostics.map(\.code) == ["KRO921"])

        options.maxPreviewObjects = 450
        let early = try #require(renderPreview(rgd, instance, options: options))
        #expect(early.node("a")?.objects.count == 300)
        #expect(early.node("b")?.outcome == .failed(reason: "the preview would hold 600 objects, over kro-lsp's limit of 450; "
            + "this node and the ones after it are not rendered"))
        #expect(early.node("single")?.outcome == .skipped(reason: "the preview is over kro-lsp's limit of 450 objects"))
        #expect(early.node("c")?.outcome == .skipped(reason: "the preview is over kro-lsp's limit of 450 objects"))
        #expect(early.diagnostics.map(\.code) == ["KRO921"])
    }

    /// The expressions of one preview share a cost budget: the node whose expression
    /// spends the rest gets KRO921, the nodes after it are skipped, and the status is not
    /// evaluated (nor reported a second time).
    @Test func expressionsShareTheCostBudgetOfThePreview() throws {
        let expression = "string(lists.range(1000).filter(i, i >= 0).size())"
        func resource(_ id: String) -> String {
            "- id: \(id)\n  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \(id)}, data: {count: '${\(expression)}'}}\n"
        }
        let rgd = demoRGD(schema: "spec:\n  name: string\nstatus:\n  count: ${a.data.count}",
                          resources: resource("a") + resource("b") + resource("c") + resource("d"))
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  name: x\n"
        let unlimited = try #require(renderPreview(rgd, instance))
        #expect(unlimited.nodes.allSatisfy { $0.objects.first?["data"]?["count"] == "1000" })
        #expect(unlimited.diagnostics.isEmpty)

        // Room for two of the four expressions and half of the third.
        let cost = Program(parsed: try #require(CELParser().parse(expression).parsed), functions: .kro).evaluateWithCost().cost
        var options = RenderOptions()
        options.maxPreviewCost = cost * 5 / 2
        let result = try #require(renderPreview(rgd, instance, options: options))
        #expect(result.node("a")?.outcome == .rendered && result.node("b")?.outcome == .rendered)
        let limit = options.maxPreviewCost
        let message = "the preview's expressions cost more than \(limit) together, over kro-lsp's limit of \(limit); "
            + "this node and the ones after it are not rendered"
        #expect(result.node("c")?.outcome == .failed(reason: message))
        #expect(result.node("d")?.outcome == .skipped(reason: "the preview's expressions are over kro-lsp's limit of \(limit) cost"))
        #expect(result.diagnostics.map(\.message) == ["node \"c\": " + message])
        #expect(result.diagnostics.map(\.code) == ["KRO921"])
        #expect(result.instance?["status"]?["state"] == "ERROR")
    }

    @Test func duplicateCollectionIdentitiesAreAnError() throws {
        let rgd = demoRGD(schema: """
                spec:
                  names: "[]string"
                """, resources: """
                - id: cms
                  forEach:
                  - entry: ${schema.spec.names}
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ${entry}
                """)
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  names: [a, a]\n"))
        #expect(result.node("cms")?.outcome == .failed(reason: "identity collision: duplicate identity: /v1/ConfigMap/default/a"))
        #expect(result.diagnostics.map(\.code) == ["KRO608"])
        #expect(result.instance?["status"]?["state"] == "ERROR")
    }

    @Test func stringTemplatesOmitAndLibraryFunctions() throws {
        let rgd = demoRGD(schema: """
                spec:
                  name: string
                  owner: string | default=""
                """, resources: """
                - id: config
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: web-${schema.spec.name}-${string(size(schema.spec.name))}
                      annotations:
                        owner: '${schema.spec.owner == "" ? omit() : schema.spec.owner}'
                    data:
                      json: '${json.marshal({"b": 1, "a": "x<"})}'
                      fnv: ${base64.encode(hash.fnv64a(schema.metadata.name))}
                      sha: ${base64.encode(hash.sha256(schema.metadata.name))}
                      random: ${random.seededString(8, schema.metadata.name)}
                      roll: ${string(random.seededInt(10, 20, schema.metadata.name))}
                      parsed: '${string(json.unmarshal(''{"n": 2}'').n)}'
                """)
        var options = RenderOptions()
        options.omitFunctionEnabled = true
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  name: api\n", options: options))
        #expect(result.diagnostics.isEmpty)
        // Expected values computed independently from cel.md §5 (Python hashlib).
        expectObject(result.node("config")?.objects.first, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-api-3
              namespace: default
              annotations: {}
            data:
              json: '{"a":"x\\u003c","b":1}'
              fnv: peQbZ0J205Y=
              sha: KpdRbDVLaISM29j1SiJqClWyHtE44getbFy7nACqWuo=
              random: ss1qdl02
              roll: "16"
              parsed: "2"
            """, node: "config")
    }

    @Test func externalRefSuppliedIsReadAndUnsuppliedIsPending() throws {
        let rgd = demoRGD(schema: """
                spec:
                  name: string | default="x"
                """, resources: """
                - id: settings
                  externalRef:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: platform-settings
                - id: app
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: app
                    data:
                      region: ${settings.data.region}
                      name: ${schema.spec.name}
                """)
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\n"
        var options = RenderOptions()
        options.externals = [yamlObject("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: platform-settings, namespace: default}
            data: {region: eu-west-1}
            """)]
        let supplied = try #require(renderPreview(rgd, instance, options: options))
        #expect(supplied.node("settings")?.outcome == .read)
        expectObject(supplied.node("app")?.objects.first, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app, namespace: default}
            data: {region: eu-west-1, name: x}
            """, node: "app", applyOrder: 2)

        let missing = try #require(renderPreview(rgd, instance))
        #expect(missing.node("settings")?.outcome
                == .pending(reason: "needs ConfigMap default/platform-settings from the cluster (pass it with --external)"))
        let app = try #require(missing.node("app"))
        #expect(app.pending.filter { !$0.expression.isEmpty }
                == [PendingField(path: "data.region", expression: "${settings.data.region}", needs: "settings.data.region")])
        #expect(app.objects.first?["data"] == yamlObject("{region: '${settings.data.region}', name: x}"))
        #expect(app.waitsFor == ["settings: externalRef ConfigMap default/platform-settings not supplied"])
        #expect(missing.instance?["status"]?["state"] == "IN_PROGRESS")
    }

    @Test func statusOfAnotherResourceIsPendingAndDependentsWait() throws {
        let rgd = demoRGD(schema: """
                spec: {}
                status:
                  endpoint: ${db.status.endpoint}
                  dbName: ${db.metadata.name}
                """, resources: """
                - id: db
                  readyWhen:
                  - ${db.status.ready == true}
                  template:
                    apiVersion: example.com/v1
                    kind: Database
                    metadata:
                      name: db
                - id: app
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: app
                    data:
                      endpoint: ${db.status.endpoint}
                      uid: ${schema.metadata.uid}
                """)
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\n"))
        let app = try #require(result.node("app"))
        #expect(app.waitsFor == ["db: readyWhen ${db.status.ready == true} needs db.status.ready from the cluster"])
        #expect(app.pending.filter { !$0.expression.isEmpty }.map(\.needs) == ["db.status.endpoint", "schema.metadata.uid"])
        #expect(app.notReady == "not created until db.status.endpoint, schema.metadata.uid resolve")
        #expect(result.statusPending == [PendingField(path: "status.endpoint", expression: "${db.status.endpoint}", needs: "db.status.endpoint")])
        #expect(result.instance?["status"]?["dbName"] == "db")
        #expect(result.instance?["status"]?["endpoint"] == nil)
        #expect(result.instance?["status"]?["state"] == "IN_PROGRESS")
    }

    @Test func clusterScopedInstanceGivesNoNamespaceAndNeedsExplicitOnes() throws {
        let rgd = demoRGD(kind: "Tenant", schema: """
                scope: Cluster
                spec: {}
                """, resources: """
                - id: ns
                  template:
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: ${schema.metadata.name}
                - id: quota
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: settings
                      namespace: ${ns.metadata.name}
                """)
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Tenant\nmetadata:\n  name: demo\n"))
        let applySet = "applyset-_lZVVCvbxKZp0a5uNi6UHroQQ_hmusEweg5Q86Qi3CU-v1"   // demo..Tenant.kro.run
        let nsLabels = kroChildLabels(node: "ns", instance: "demo", namespace: nil, kind: "Tenant", applySet: applySet)
        #expect(result.node("ns")?.objects.first?.sortedKeys() == withKroMetadata(yamlObject("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: demo}
            """), labels: nsLabels, applyOrder: 1).sortedKeys())
        #expect(result.node("quota")?.objects.first?["metadata"]?["namespace"] == "demo")
        #expect(result.instance?["metadata"]?["namespace"] == nil)
    }

    @Test func namespacedChildWithoutNamespaceUnderClusterScopedInstanceFails() throws {
        let rgd = demoRGD(kind: "Tenant", schema: """
                scope: Cluster
                spec:
                  ns: string | default=""
                """, resources: """
                - id: cm
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: settings
                      namespace: ${schema.spec.ns}
                """)
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Tenant\nmetadata:\n  name: demo\n"))
        #expect(result.node("cm")?.outcome == .failed(reason: "is namespaced and must resolve metadata.namespace when the instance is cluster-scoped"))
        #expect(result.diagnostics.map(\.code) == ["KRO609"])
    }

    @Test func aSchemaOnlyIncludeWhenThatCannotReadItsDataIsAnError() throws {
        let rgd = demoRGD(schema: """
                spec:
                  flag: boolean
                """, resources: """
                - id: cm
                  includeWhen:
                  - ${schema.spec.flag}
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: cm
                """)
        let result = try #require(renderPreview(rgd, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec: {}\n"))
        guard case .failed(let reason)? = result.node("cm")?.outcome else {
            Issue.record("expected an error, got \(String(describing: result.node("cm")?.outcome))")
            return
        }
        #expect(reason.hasPrefix("includeWhen \"schema.spec.flag\": no such key"))
        #expect(result.diagnostics.first?.code == "KRO603")
    }
}
