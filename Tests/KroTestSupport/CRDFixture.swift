/// The text of a CustomResourceDefinition for tests: one served version of a namespaced
/// kind whose spec has the `specProperties` lines (OpenAPI properties, from column 0).
public enum CRDFixture {
    public static func text(group: String, kind: String, plural: String, version: String = "v1",
                            specProperties: String) -> String {
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: \(plural).\(group)
        spec:
          group: \(group)
          scope: Namespaced
          names: {kind: \(kind), plural: \(plural)}
          versions:
            - name: \(version)
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:

        """ + RGDFixture.indented(specProperties, by: 16) + "\n"
    }
}
