/// The RGD the CRD catalog tests share (`--check` and the server): `Certs`, whose resource
/// `certificate` is a cert-manager.io/v1 Certificate, a kind only the catalog types.
public enum CatalogFixtures {
    /// `certificateSpec` lines (from column 0) go under the Certificate's spec; `more`
    /// resources (from the list's column) follow it.
    public static func certs(certificateSpec: String, more: String? = nil) -> String {
        RGDFixture.text(name: "certs", kind: "Certs", spec: "name: string", resources: """
            - id: certificate
              template:
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: ${schema.spec.name}
                spec:
            \(RGDFixture.indented(certificateSpec, by: 6))
            """ + (more.map { "\n" + $0 } ?? ""))
    }
}
