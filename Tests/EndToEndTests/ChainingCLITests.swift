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
}
