/// RGDs the `--check` end-to-end tests share.
enum CheckTestDocuments {
    /// An RGD `app` with one Deployment; `templateSpec` lines go first under the
    /// Deployment's `spec:` (10 spaces deep, from line 19), `schemaLines` under `schema.spec`
    /// (6 spaces deep, from line 10), `annotations` under `metadata` (2 spaces deep).
    static func rgd(annotations: String = "", schemaLines: String = "      name: string\n", templateSpec: String) -> String {
        "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: app\n" + annotations
            + "spec:\n  schema:\n    apiVersion: v1alpha1\n    kind: App\n    spec:\n" + schemaLines
            + "  resources:\n    - id: deployment\n      template:\n        apiVersion: apps/v1\n        kind: Deployment\n"
            + "        metadata:\n          name: ${schema.spec.name}\n        spec:\n" + templateSpec
            + "          selector:\n            matchLabels: {app: x}\n          template:\n            metadata:\n"
            + "              labels: {app: x}\n            spec:\n              containers:\n                - name: web\n"
            + "                  image: nginx\n"
    }

    /// `replicas` set from a string: KRO334 at 19:23.
    static let replicasAsString = rgd(templateSpec: "          replicas: ${schema.spec.name}\n")
    static let clean = rgd(templateSpec: "          replicas: 1\n")
}
