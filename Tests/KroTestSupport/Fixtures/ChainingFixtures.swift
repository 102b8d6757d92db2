/// The RGDs the RGD chaining tests share (engine, `--check` and server): `Database`, and
/// `App`, whose resource `db` is a Database.
public enum ChainingFixtures {
    /// `Database`: spec.size (integer, default 1), status.endpoint (a string, from a
    /// ConfigMap's data); its instances are `<group>/v1alpha1` (kro.run without a group).
    public static func database(group: String? = nil) -> String {
        RGDFixture.text(name: "database", kind: "Database", group: group,
                        spec: "size: integer | default=1", status: "endpoint: ${config.data.endpoint}", resources: """
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: db
                data:
                  endpoint: host
            """)
    }

    /// `App` (spec.name) with a resource `db` of kind «Database» (`apiVersion`); `body`
    /// follows the resource's metadata, written in the file's columns (the template's
    /// fields at column 6, further resources' `- id:` at column 2).
    public static func app(apiVersion: String = "kro.run/v1alpha1", _ body: String) -> MarkedText {
        MarkedText(RGDFixture.text(name: "app", kind: "App", spec: "name: string", resources: """
            - id: db
              template:
                apiVersion: \(apiVersion)
                kind: «Database»
                metadata:
                  name: ${schema.spec.name}
            """) + body)
    }

    /// `app` whose Database spec misspells `size` as «sise» (KRO304 once Database is known).
    public static func misspelledApp(apiVersion: String = "kro.run/v1alpha1") -> MarkedText {
        app(apiVersion: apiVersion, """
                  spec:
                    «sise»: 3
            """)
    }

    /// An RGD `name` defining `kind` (spec.name, and `status` lines) whose resource `id` is
    /// a kro.run/v1alpha1 `reads` named x; `more` resources follow (from the list's column).
    public static func reader(_ name: String, kind: String, status: String? = nil, id: String, reads: String,
                              more: String? = nil) -> String {
        RGDFixture.text(name: name, kind: kind, spec: "name: string", status: status, resources: """
            - id: \(id)
              template:
                apiVersion: kro.run/v1alpha1
                kind: \(reads)
                metadata:
                  name: x
            """ + (more.map { "\n" + $0 } ?? ""))
    }
}
