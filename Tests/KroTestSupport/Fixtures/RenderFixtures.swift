/// The `Demo` RGD the render, preview and instance tests share (`kro-lsp render`, the
/// server's preview command, open instance files): spec.name (required) and a ConfigMap
/// `config` named after it.
public enum RenderFixtures {
    /// With `replicas`: spec.replicas too (integer, default 2, at most 5), written into
    /// the ConfigMap's data.
    public static func demo(replicas: Bool = false) -> String {
        RGDFixture.text(name: "demo", kind: "Demo",
                        spec: "name: string | required=true" + (replicas ? "\nreplicas: integer | default=2 maximum=5" : ""),
                        resources: RGDFixture.configMap("config", data: replicas ? "replicas: ${string(schema.spec.replicas)}" : nil))
    }
}
