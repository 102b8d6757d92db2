/// The RGD and CRD the project-configuration tests share (`--check` and the server).
public enum ConfigurationFixtures {
    /// `Widgets`, whose resource `widget` is an example.com/v1 Widget: no schema (KRO905)
    /// unless a CRD names it. `spec` lines (from column 0) go under the Widget's spec.
    public static func widgets(spec: String? = nil) -> String {
        RGDFixture.text(name: "widgets", kind: "Widgets", spec: "name: string", resources: """
            - id: widget
              template:
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: ${schema.spec.name}
            """ + (spec.map { "\n    spec:\n" + RGDFixture.indented($0, by: 6) } ?? ""))
    }

    /// A Widget CRD (example.com/v1) knowing only `size` (and `color` when `withColor`).
    public static func widgetCRD(withColor: Bool = false) -> String {
        CRDFixture.text(group: "example.com", kind: "Widget", plural: "widgets",
                        specProperties: "size: {type: integer}" + (withColor ? "\ncolor: {type: string}" : ""))
    }
}
