import Foundation
import KroTestSupport
import Testing

/// `--check` over several files types a resource from the CRD another RGD of the run
/// generates (RGD chaining), whatever order the files come in.
@Suite struct ChainingCLITests {
    static let database = ChainingFixtures.database(group: "data.example.com")
    static let app = ChainingFixtures.misspelledApp(apiVersion: "data.example.com/v1alpha1").text

    @Test func aSiblingRGDsKindIsTypedInOneRun() throws {
        let dir = try CLIProcess.directory(["a/app.yaml": Self.app, "z/database.yaml": Self.database])
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = dir.appendingPathComponent("a/app.yaml").path
        let database = dir.appendingPathComponent("z/database.yaml").path

        let alone = try CLIProcess.run(["--check", app])
        #expect(alone.status == 0)
        #expect(alone.stdout.contains("info[KRO905]: no schema for data.example.com/v1alpha1 Database"), "\(alone.stdout)")

        for arguments in [[app, database], [database, app], [dir.path]] {
            let together = try CLIProcess.run(["--check"] + arguments)
            #expect(together.status == 1)
            #expect(together.stdout.contains("error[KRO304]") && together.stdout.contains("sise"), "\(together.stdout)")
            #expect(!together.stdout.contains("KRO905"), "\(together.stdout)")
        }
    }

    /// A run of several files keeps no tree once a file is analysed; a file holding a
    /// document of a kind an RGD of the run defines is read again to be admitted. Even RGD
    /// documents, when an RGD defines a kind named like kro's own.
    @Test func rgdDocumentsAreAdmittedWhenAnRGDDefinesTheirKind() throws {
        let selfKind = RGDFixture.text(name: "resourcegraphdefinitions.kro.run", kind: "ResourceGraphDefinition", spec: "name: string",
                                       resources: "- id: cm\n  template:\n    apiVersion: v1\n    kind: ConfigMap\n"
                                           + "    metadata:\n      name: ${schema.spec.name}\n")
        let other = RGDFixture.text(name: "other", kind: "Other", spec: "name: string",
                                    resources: "- id: cm\n  template:\n    apiVersion: v1\n    kind: ConfigMap\n"
                                        + "    metadata:\n      name: ${schema.spec.name}\n")
        let dir = try CLIProcess.directory(["a.yaml": selfKind, "b.yaml": other])
        defer { try? FileManager.default.removeItem(at: dir) }
        let both = try CLIProcess.run(["--check", "a.yaml", "b.yaml"], directory: dir)
        // Each RGD document is an instance of the first one's kind: spec.schema and
        // spec.resources are not its fields.
        for file in ["a.yaml", "b.yaml"] {
            #expect(both.stdout.contains("\(file):") && both.stdout.contains("warning[KRO601]: unknown field \"spec.schema\""),
                    "\(both.stdout)")
        }
        let alone = try CLIProcess.run(["--check", "b.yaml"], directory: dir)
        #expect(!alone.stdout.contains("KRO601"), "\(alone.stdout)")
    }

    /// `crd` types an RGD's status from the CRD another RGD of the same file generates, as
    /// kro types it from the installed CRD (before: the chained status was left untyped).
    @Test func crdTypesStatusReadFromASiblingRGDsKind() throws {
        let app = RGDFixture.text(name: "app", kind: "App", spec: "name: string", status: "dbEndpoint: ${db.status.endpoint}",
                                  resources: "- id: db\n  template:\n    apiVersion: kro.run/v1alpha1\n    kind: Database\n"
                                      + "    metadata:\n      name: ${schema.spec.name}\n")
        let dir = try CLIProcess.directory(["both.yaml": ChainingFixtures.database() + "---\n" + app])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIProcess.run(["crd", "both.yaml"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let field = try #require(lines.firstIndex(of: "dbEndpoint:"))
        #expect(lines[field + 1] == "type: string", "\(result.stdout)")
    }
}
