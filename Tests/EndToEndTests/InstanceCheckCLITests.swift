import Foundation
import KroTestSupport
import Testing

/// `--check` admits each instance file against the RGDs of the whole run, whichever file
/// defines the kind. A run of several files lets every tree go once a file is analysed and
/// reads an instance file again for admission (`DocumentAnalysis.dropTrees`), so its
/// findings must be those of the file checked beside its RGD.
@Suite struct InstanceCheckCLITests {
    static let rgd = RGDFixture.text(name: "apps", kind: "App", spec: "name: string\nreplicas: integer",
                                     resources: "- id: cm\n  template:\n    apiVersion: v1\n    kind: ConfigMap\n"
                                         + "    metadata:\n      name: ${schema.spec.name}\n")
    static let instance = """
        apiVersion: kro.run/v1alpha1
        kind: App
        metadata:
          name: one
        spec:
          name: one
          replicas: many
          colour: blue
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: not-an-instance

        """

    /// The findings on `file` (named alone or under a folder), without their position.
    static func findings(_ stdout: String, in file: String) -> [String] {
        stdout.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix(file + ":") || $0.contains("/" + file + ":") }
            .map { $0.components(separatedBy: ": ").dropFirst().joined(separator: ": ") }
    }

    @Test func anInstanceFileIsAdmittedAgainstTheRunsRGDs() throws {
        let dir = try CLIProcess.directory(["rgd.yaml": Self.rgd, "app.yaml": Self.instance,
                                            "both.yaml": Self.rgd + "---\n" + Self.instance])
        defer { try? FileManager.default.removeItem(at: dir) }
        // One file holding both: its trees are kept, and the instance is admitted.
        let alone = try CLIProcess.run(["--check", "both.yaml"], directory: dir)
        let expected = Self.findings(alone.stdout, in: "both.yaml")
        #expect(expected.count == 2 && expected.allSatisfy { $0.contains("[KRO601]") }, "\(alone.stdout)")
        #expect(expected.contains { $0.contains("spec.replicas") } && expected.contains { $0.contains("spec.colour") },
                "\(alone.stdout)")

        for arguments in [["rgd.yaml", "app.yaml"], ["app.yaml", "rgd.yaml"], ["."]] {
            let run = try CLIProcess.run(["--check"] + arguments, directory: dir)
            // The same findings as beside its RGD (their lines moved by the RGD's).
            #expect(Self.findings(run.stdout, in: "app.yaml") == expected, "\(arguments): \(run.stdout)")
            #expect(run.status == 1, "\(arguments)")
        }
        // Beside a file holding the RGD and an instance: both admitted, neither tree kept.
        let paired = try CLIProcess.run(["--check", "app.yaml", "both.yaml"], directory: dir)
        #expect(Self.findings(paired.stdout, in: "both.yaml") == expected, "\(paired.stdout)")
        #expect(Self.findings(paired.stdout, in: "app.yaml") == expected, "\(paired.stdout)")
        // Alone, nothing defines its kind.
        let unknown = try CLIProcess.run(["--check", "app.yaml"], directory: dir)
        #expect(Self.findings(unknown.stdout, in: "app.yaml").isEmpty, "\(unknown.stdout)")
    }
}
