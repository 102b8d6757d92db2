import Foundation
import Testing

/// `--check --baseline OLD`: breaking changes of each RGD's CRD (KRO513), each kind.
@Suite struct BaselineTests {
    static func rgd(kind: String = "App", version: String = "v1alpha1", annotations: String = "", fields: String,
                    status: String = "") -> String {
        """
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: app
        \(annotations)spec:
          schema:
            apiVersion: \(version)
            kind: \(kind)
            spec:
        \(fields)\(status)  resources: []

        """
    }

    static let old = rgd(fields: """
              name: string
              size: string | enum="small,medium,large"
              port: integer | minimum=1 maximum=65535
              mode: string
              region: string | required=true default="eu"
              legacy: string
              tags: "[]string | maxItems=10"
              nested:
                a: string

        """)

    func changes(_ new: String, baselineIsFolder: Bool = false) throws -> CLIProcess.Result {
        let baselinePath = baselineIsFolder ? "previous" : "previous/app.yaml"
        let dir = try CLIProcess.directory(["previous/app.yaml": Self.old, "app.yaml": new])
        defer { try? FileManager.default.removeItem(at: dir) }
        return try CLIProcess.run(["--check", "--baseline", baselinePath, "app.yaml"], directory: dir)
    }

    @Test func theSameSchemaHasNoBreakingChange() throws {
        let result = try changes(Self.old)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func eachKindOfBreakingChangeIsReportedAtItsField() throws {
        let new = Self.rgd(kind: "Application", version: "v1beta1", fields: """
              name: integer
              size: string | enum="small,medium"
              port: integer | minimum=80 maximum=8080
              mode: string | pattern="^[a-z]+$"
              region: string | required=true
              owner: string | required=true
              tags: "[]string | maxItems=5"
              nested:
                b: string

        """)
        let result = try changes(new, baselineIsFolder: true)
        #expect(result.status == 1)
        let prefix = "error[KRO513]: cannot update CRD applications.kro.run: breaking changes detected: "
        #expect(result.stdout == [
            "app.yaml:7:17: \(prefix)version changed from v1alpha1 to v1beta1",
            "app.yaml:8:11: \(prefix)kind changed from App to Application",
            "app.yaml:9:5: \(prefix)field spec.legacy removed",
            "app.yaml:10:7: \(prefix)field spec.name changed type from string to integer",
            "app.yaml:11:7: \(prefix)field spec.size no longer accepts \"large\"",
            "app.yaml:12:7: \(prefix)field spec.port maximum changed from 65535 to 8080",
            "app.yaml:12:7: \(prefix)field spec.port minimum changed from 1 to 80",
            "app.yaml:13:7: \(prefix)field spec.mode gained a pattern ^[a-z]+$",
            "app.yaml:14:7: \(prefix)required field spec.region lost its default",
            "app.yaml:15:7: \(prefix)field spec.owner is newly required",
            "app.yaml:16:7: \(prefix)field spec.tags maxItems changed from 10 to 5",
            "app.yaml:17:7: \(prefix)field spec.nested.a removed",
        ].map { $0 + "\n" }.joined())
    }

    @Test func addingOptionalFieldsAndWideningIsNotBreaking() throws {
        let new = Self.rgd(fields: """
              name: string
              size: string | enum="small,medium,large,huge"
              port: integer | minimum=0
              mode: string
              region: string | required=true default="us"
              legacy: string
              tags: "[]string"
              nested:
                a: string
                b: string
              extra: string

        """)
        let result = try changes(new)
        #expect(result.status == 0, "\(result.stdout)")
    }

    /// kro (crd/compat) compares enums only when both schemas have one, and never looks at
    /// map values: an update kro accepts is no error.
    @Test func changesKroAcceptsAreNotBreaking() throws {
        let old = Self.rgd(fields: "      mode: string\n      labels: map[string]string\n")
        let new = Self.rgd(fields: "      mode: string | enum=\"a,b\"\n      labels: map[string]integer\n")
        let dir = try CLIProcess.directory(["previous/app.yaml": old, "app.yaml": new])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIProcess.run(["--check", "--baseline", "previous", "app.yaml"], directory: dir)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
    }

    /// kro reports an existing field that becomes required even when it has a default
    /// (only a new field with a default is spared), and compares the status schema too.
    @Test func newlyRequiredExistingFieldsAndRemovedStatusFieldsAreBreaking() throws {
        let old = Self.rgd(fields: "      name: string\n",
                           status: "    status:\n      url: ${schema.spec.name}\n      host: ${schema.spec.name}\n")
        let new = Self.rgd(fields: "      name: string | required=true default=\"x\"\n      zone: string | required=true default=\"a\"\n",
                           status: "    status:\n      url: ${schema.spec.name}\n")
        let dir = try CLIProcess.directory(["previous/app.yaml": old, "app.yaml": new])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIProcess.run(["--check", "--baseline", "previous", "app.yaml"], directory: dir)
        #expect(result.status == 1)
        let prefix = "error[KRO513]: cannot update CRD apps.kro.run: breaking changes detected: "
        #expect(result.stdout == [
            "app.yaml:10:7: \(prefix)field spec.name is newly required",
            "app.yaml:12:5: \(prefix)field status.host removed",
        ].map { $0 + "\n" }.joined())
    }

    @Test func theAllowAnnotationPermitsBreakingChanges() throws {
        let new = Self.rgd(kind: "Application", annotations: "  annotations:\n    kro.run/allow-breaking-changes: \"true\"\n",
                           fields: "      name: integer\n")
        let result = try changes(new)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func aMissingBaselineExits2() throws {
        let dir = try CLIProcess.directory(["app.yaml": Self.old])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIProcess.run(["--check", "--baseline", "nowhere", "app.yaml"], directory: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--baseline nowhere: no such file or directory"))
    }
}
