/// Synthetic RGDs shaped like real ones: chained references between resources, mixed
/// built-in kinds, about six expressions and forty lines per resource. The text is ASCII,
/// so a byte column is also an LSP (UTF-16) character.
struct GeneratedRGD: Sendable {
    var text: String
    var resourceCount: Int
    /// Where the benchmark's edit goes: line and column (0-based) of one character inside
    /// an expression, the character as generated and the one that breaks the expression.
    var editLine: Int
    var editColumn: Int
    var original: Character
    var broken: Character
}

enum RGDGenerator {
    /// The `image` field name's last letter in `${schema.spec.image}` of the middle resource
    /// is the edited character: `imagf` is an unknown field (a diagnostic), `image` is clean.
    static func realistic(resources n: Int) -> GeneratedRGD {
        var lines: [String] = header(name: "bench\(n)")
        // The middle resource, or the next one if it is a Service (no `image` there).
        let target = n / 2 % 4 == 1 ? n / 2 + 1 : n / 2
        var edit = (line: 0, column: 0)
        for i in 0..<n {
            let block = resource(i)
            if i == target, let offset = block.firstIndex(where: { $0.contains("${schema.spec.image}") }) {
                let line = block[offset]
                let range = line.range(of: "${schema.spec.image}")!
                let column = line.distance(from: line.startIndex, to: range.upperBound) - 2  // the `e`
                edit = (lines.count + offset, column)
            }
            lines += block
        }
        return GeneratedRGD(text: lines.joined(separator: "\n") + "\n", resourceCount: n,
                            editLine: edit.line, editColumn: edit.column, original: "e", broken: "f")
    }

    /// The degenerate shape of issue 16: `n` one-line ConfigMaps (flow mappings).
    static func tinyConfigMaps(resources n: Int) -> String {
        var lines = header(name: "tiny\(n)", firstID: "c0")
        for i in 0..<n {
            lines.append("    - id: c\(i)")
            lines.append("      template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"c\(i)-${schema.spec.name}\"}, data: {k: v}}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func header(name: String, firstID: String = "r0") -> [String] {
        [
            "apiVersion: kro.run/v1alpha1",
            "kind: ResourceGraphDefinition",
            "metadata:",
            "  name: \(name)",
            "spec:",
            "  schema:",
            "    apiVersion: v1alpha1",
            "    kind: Bench\(name.filter(\.isNumber))",
            "    spec:",
            "      name: string | default=\"app\"",
            "      image: string | default=\"nginx\"",
            "      replicas: integer | default=1",
            "      port: integer | default=8080",
            "      mode: string | default=\"prod\"",
            "    status:",
            "      lastName: ${\(firstID).metadata.name}",
            "  resources:",
        ]
    }

    /// One resource; `r(i-1)` is referenced so the graph is a chain.
    static func resource(_ i: Int) -> [String] {
        let id = "r\(i)"
        let prev = i == 0 ? nil : "r\(i - 1)"
        let upstream = prev.map { "${\($0).metadata.name}" } ?? "${schema.spec.name}"
        switch i % 4 {
        case 0:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: apps/v1",
                "        kind: Deployment",
                "        metadata:",
                "          name: ${schema.spec.name}-\(id)",
                "          labels:",
                "            app: ${schema.spec.name}",
                "            tier: backend",
                "        spec:",
                "          replicas: ${schema.spec.replicas}",
                "          selector:",
                "            matchLabels:",
                "              app: \(id)",
                "          template:",
                "            metadata:",
                "              labels:",
                "                app: \(id)",
                "            spec:",
                "              containers:",
                "                - name: main",
                "                  image: ${schema.spec.image}",
                "                  ports:",
                "                    - containerPort: ${schema.spec.port}",
                "                      protocol: TCP",
                "                  env:",
                "                    - name: UPSTREAM",
                "                      value: \(upstream)",
                "                    - name: MODE",
                "                      value: static",
                "                  resources:",
                "                    limits:",
                "                      cpu: 100m",
                "                      memory: 128Mi",
                "                    requests:",
                "                      cpu: 50m",
                "                      memory: 64Mi",
                "      readyWhen:",
                "        - ${\(id).status.?availableReplicas.orValue(0) > 0}",
            ]
        case 1:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: v1",
                "        kind: Service",
                "        metadata:",
                "          name: ${schema.spec.name}-\(id)",
                "          labels:",
                "            app: ${schema.spec.name}",
                "            upstream: \(upstream)",
                "          annotations:",
                "            example.com/owner: platform",
                "            example.com/tier: backend",
                "        spec:",
                "          type: ClusterIP",
                "          selector:",
                "            app: \(id)",
                "          ports:",
                "            - name: http",
                "              port: ${schema.spec.port}",
                "              targetPort: ${schema.spec.port + 1}",
                "              protocol: TCP",
                "            - name: metrics",
                "              port: 9090",
                "              targetPort: 9090",
                "              protocol: TCP",
                "            - name: admin",
                "              port: 9091",
                "              targetPort: 9091",
                "              protocol: TCP",
                "          sessionAffinity: None",
                "          ipFamilyPolicy: SingleStack",
                "          ipFamilies:",
                "            - IPv4",
                "          publishNotReadyAddresses: false",
                "          internalTrafficPolicy: Cluster",
                "      includeWhen:",
                "        - ${schema.spec.mode == \"prod\"}",
                "        - ${schema.spec.replicas > 0}",
            ]
        case 2:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: v1",
                "        kind: ConfigMap",
                "        metadata:",
                "          name: ${schema.spec.name}-\(id)",
                "          labels:",
                "            app: ${schema.spec.name}",
                "            tier: config",
                "          annotations:",
                "            example.com/owner: platform",
                "        data:",
                "          upstream: \(upstream)",
                "          image: ${schema.spec.image}",
                "          replicas: ${string(schema.spec.replicas)}",
                "          mode: ${schema.spec.mode}",
                "          greeting: hello",
                "          level: info",
                "          region: eu-west-1",
                "          zone: eu-west-1a",
                "          cluster: main",
                "          timeout: 30s",
                "          retries: \"3\"",
                "          backoff: 1s",
                "          cache: enabled",
                "          feature-a: \"true\"",
                "          feature-b: \"false\"",
                "          feature-c: \"true\"",
                "          feature-d: \"false\"",
                "          owner: platform",
                "          contact: platform@example.com",
                "          docs: https://example.com/docs",
                "          runbook: https://example.com/runbook",
                "          dashboard: https://example.com/dashboard",
                "          alerts: https://example.com/alerts",
                "          logs: https://example.com/logs",
                "          traces: https://example.com/traces",
                "          version: v1",
            ]
        default:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: v1",
                "        kind: ServiceAccount",
                "        metadata:",
                "          name: ${schema.spec.name}-\(id)",
                "          labels:",
                "            app: ${schema.spec.name}",
                "            upstream: \(upstream)",
                "            tier: identity",
                "          annotations:",
                "            example.com/owner: platform",
                "            example.com/image: ${schema.spec.image}",
                "            example.com/mode: ${schema.spec.mode}",
                "            example.com/tier: identity",
                "            example.com/a: value-a",
                "            example.com/b: value-b",
                "            example.com/c: value-c",
                "            example.com/d: value-d",
                "            example.com/e: value-e",
                "            example.com/f: value-f",
                "            example.com/g: value-g",
                "            example.com/h: value-h",
                "            example.com/i: value-i",
                "            example.com/j: value-j",
                "            example.com/k: value-k",
                "            example.com/l: value-l",
                "            example.com/m: value-m",
                "            example.com/n: value-n",
                "            example.com/o: value-o",
                "        automountServiceAccountToken: false",
                "        imagePullSecrets:",
                "          - name: registry",
                "          - name: mirror",
                "        secrets:",
                "          - name: token",
                "          - name: extra",
                "          - name: spare",
                "      readyWhen:",
                "        - ${\(id).metadata.name != \"\"}",
            ]
        }
    }
}
