import Foundation
import KroTestSupport
import Testing

/// `kro-lsp render`, `kro-lsp instance` and instance files in `--check`, as a user runs them.
@Suite struct RenderCLITests {
    static let rgd = RenderFixtures.demo(replicas: true)

    @Test func renderPrintsTheObjectsAndTheInstance() throws {
        let dir = try CLIProcess.directory([
            "rgd.yaml": Self.rgd,
            "instance.yaml": "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: a\nspec:\n  name: web\n",
        ])
        let result = try CLIProcess.run(["render", "rgd.yaml", "--instance", "instance.yaml"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("# resource config (ConfigMap default/web)\napiVersion: v1\nkind: ConfigMap\n"))
        #expect(result.stdout.contains("data:\n  replicas: \"2\"\n"))
        #expect(result.stdout.contains("# instance (Demo default/a)"))
        let json = try CLIProcess.run(["render", "rgd.yaml", "--instance", "instance.yaml", "-o", "json"], directory: dir)
        #expect(json.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["resources"] as? [Any])?.count == 1)
    }

    /// An instance file of several instances renders the first, and says the others are not.
    @Test func onlyTheFirstOfSeveralInstancesIsRenderedAndTheRestAreNamed() throws {
        let instance = { (name: String) in "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: \(name)\nspec:\n  name: \(name)\n" }
        let dir = try CLIProcess.directory([
            "rgd.yaml": Self.rgd,
            "three.yaml": instance("a") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\n"
                + instance("b") + "---\n" + instance("c"),
            "one.yaml": instance("a"),
        ])
        let three = try CLIProcess.run(["render", "rgd.yaml", "--instance", "three.yaml"], directory: dir)
        #expect(three.status == 0, "\(three.stderr)")
        #expect(three.stdout.contains("# instance (Demo default/a)") && !three.stdout.contains("default/b"))
        #expect(three.stderr.contains("three.yaml holds 3 instances; only the first is rendered"), "\(three.stderr)")
        let one = try CLIProcess.run(["render", "rgd.yaml", "--instance", "one.yaml"], directory: dir)
        #expect(one.status == 0 && one.stderr.isEmpty, "\(one.stderr)")
    }

    /// A render of many objects is printed in blocks as it is made: all of it, in order.
    @Test func aLargeRenderIsPrintedWhole() throws {
        let rgd = RGDFixture.text(name: "many", kind: "Many", spec: "items: '[]string'", resources: """
            - id: cms
              forEach:
              - v: ${schema.spec.items}
              template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "c-${v}"}, data: {k: "${v}"}}
            """)
        let count = 1_000
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Many\nmetadata: {name: x, namespace: default}\nspec:\n  items:\n"
            + (0..<count).map { "  - i\($0)\n" }.joined()
        let dir = try CLIProcess.directory(["rgd.yaml": rgd, "instance.yaml": instance])
        let result = try CLIProcess.run(["render", "rgd.yaml", "--instance", "instance.yaml"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.utf8.count > 3 << 16)
        let documents = result.stdout.components(separatedBy: "---\n")
        let maps = documents.filter { $0.contains("kind: ConfigMap\n") }
        #expect(maps.count == count)
        #expect(maps.enumerated().allSatisfy { i, d in d.contains("  name: c-i\(i)\n") && d.contains("data:\n  k: i\(i)\n") })
        #expect(documents.last?.contains("# instance (Many default/x)") == true)
    }

    @Test func anInvalidInstanceExits1WithItsFieldErrorsAtLineAndColumn() throws {
        let dir = try CLIProcess.directory([
            "rgd.yaml": Self.rgd,
            "instance.yaml": "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: a\nspec:\n  name: web\n  replicas: 9\n",
        ])
        let result = try CLIProcess.run(["render", "rgd.yaml", "--instance", "instance.yaml"], directory: dir)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "instance.yaml:7:13: error[KRO601]: spec.replicas: Invalid value: 9: spec.replicas in body should be less than or equal to 5\n")

        let check = try CLIProcess.run(["--check", "rgd.yaml", "instance.yaml"], directory: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("instance.yaml:7:13: error[KRO601]"))
    }

    @Test func theScaffoldRenders() throws {
        let dir = try CLIProcess.directory(["rgd.yaml": Self.rgd])
        let scaffold = try CLIProcess.run(["instance", "rgd.yaml", "-o", "scaffold.yaml"], directory: dir)
        #expect(scaffold.status == 0, "\(scaffold.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("scaffold.yaml"), encoding: .utf8)
        #expect(text.contains("  name: example\n") && text.contains("  # replicas: 2  (default); max 5\n"))
        let result = try CLIProcess.run(["render", "rgd.yaml", "--instance", "scaffold.yaml"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
