/// A large RGD shaped like an author's: a chain of references through Deployments,
/// Services, ConfigMaps, collections and Secrets, with includeWhen/readyWhen, non-ASCII
/// values and a mistake of a different kind every few resources (unknown field, unknown
/// resource, type mismatch), and a status reading three resources.
public struct GeneratedRGD: Sendable {
    public let resources: Int
    /// The first resource reads the last: one cycle through every resource.
    public var cycle = false
    public var lineBreak = "\n"
    /// The default of `spec.name`: another one changes the typing environment, so every
    /// resource is analysed again.
    public var defaultName = "app"

    public init(resources: Int, cycle: Bool = false, lineBreak: String = "\n", defaultName: String = "app") {
        self.resources = resources; self.cycle = cycle; self.lineBreak = lineBreak; self.defaultName = defaultName
    }

    public var text: String {
        var lines = [
            "apiVersion: kro.run/v1alpha1",
            "kind: ResourceGraphDefinition",
            "metadata:",
            "  name: generated",
            "spec:",
            "  schema:",
            "    apiVersion: v1alpha1",
            "    kind: Generated",
            "    spec:",
            "      name: string | default=\"\(defaultName)\"",
            "      image: string | default=\"nginx\"",
            "      replicas: integer | default=1",
            "      port: integer | default=8080",
            "      regions: \"[]string\"",
            "      enabled: boolean | default=true",
            "    status:",
            "      first: ${r0.metadata.name}",
            "      ready: ${r0.status.?availableReplicas.orValue(0) > 0}",
            "      replicas: ${r\(resources / 2 / 6 * 6).spec.replicas}",
            "  resources:",
        ]
        for i in 0..<resources { lines += resource(i) }
        return lines.joined(separator: lineBreak) + lineBreak
    }

    private func resource(_ i: Int) -> [String] {
        let id = "r\(i)"
        let previous = i > 0 ? "r\(i - 1)" : (cycle ? "r\(resources - 1)" : nil)
        let upstream = previous.map { "${\($0).metadata.name}" } ?? "${schema.spec.name}"
        switch i % 6 {
        case 0:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: apps/v1",
                "        kind: Deployment",
                "        metadata: {name: \"${schema.spec.name}-\(id)\", labels: {app: \(id), owner: équipe-ß}}",
                "        spec:",
                "          replicas: ${schema.spec.replicas}",
                "          selector: {matchLabels: {app: \(id)}}",
                "          template:",
                "            metadata: {labels: {app: \(id)}}",
                "            spec:",
                "              containers:",
                "                - name: main",
                "                  image: ${schema.spec.image}",
                "                  env:",
                "                    - name: UPSTREAM",
                "                      value: \(upstream)",
                "      readyWhen:",
                "        - ${\(id).status.?availableReplicas.orValue(0) > 0}",
            ]
        case 1:
            return [
                "    - id: \(id)",
                "      includeWhen:",
                "        - ${schema.spec.enabled}",
                "      template:",
                "        apiVersion: v1",
                "        kind: ConfigMap",
                "        metadata:",
                "          name: ${schema.spec.name}-\(id)",
                "        data:",
                "          upstream: \(upstream)",
                "          image: ${schema.spec.imag}",  // KRO333: no such field (did you mean)
            ]
        case 2:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: v1",
                "        kind: Service",
                "        metadata: {name: \"\(upstream)-svc\"}",
                "        spec:",
                "          selector: {app: \(id)}",
                "          ports:",
                "            - port: ${schema.spec.port}",
                "              targetPort: ${schema.spec.port + 1}",
            ]
        case 3:
            return [
                "    - id: \(id)",
                "      forEach:",
                "        - region: ${schema.spec.regions}",
                "      template:",
                "        apiVersion: v1",
                "        kind: ConfigMap",
                "        metadata:",
                "          name: ${schema.spec.name}-${region}-\(id)",
                "        data:",
                "          from: \(upstream)",
            ]
        case 4:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: v1",
                "        kind: Secret",
                "        metadata:",
                "          name: ${schema.spec.name}-\(id)",
                "        data:",
                "          token: ${schema.spec.name}",  // KRO334 (+ KRO917): a string in bytes
                "        stringData:",
                "          upstream: \(upstream)",
            ]
        default:
            return [
                "    - id: \(id)",
                "      template:",
                "        apiVersion: v1",
                "        kind: ConfigMap",
                "        metadata:",
                "          name: \(upstream)-cm",
                "        data:",
                "          missing: ${rr\(i).metadata.name}",  // KRO311: unknown resource (did you mean r…)
            ]
        }
    }
}
