import Foundation
import KroTestSupport
import Testing

/// The built binary types operator kinds from its embedded CRD catalog; `--no-catalog`
/// turns that off and a `--crd` file overrides the catalog for its kind.
@Suite struct CatalogCLITests {
    static let rgd = CatalogFixtures.certs(certificateSpec: """
        secretName: ${schema.spec.name}
        dnsNames: [example.com]
        issuerRef: {name: ca}
        renewBeforePercentage: 30
        """)

    /// A newer cert-manager Certificate that knows only `secretName`.
    static let crd = CRDFixture.text(group: "cert-manager.io", kind: "Certificate", plural: "certificates",
                                     specProperties: "secretName: {type: string}")

    @Test func catalogTypesOperatorKindsUnlessTurnedOffOrOverridden() throws {
        let dir = try CLIProcess.directory(["rgd.yaml": Self.rgd, "crds/certificate.yaml": Self.crd])
        defer { try? FileManager.default.removeItem(at: dir) }
        let rgd = dir.appendingPathComponent("rgd.yaml").path

        let withCatalog = try CLIProcess.run(["--check", rgd])
        #expect(withCatalog.status == 0)
        #expect(withCatalog.stdout.isEmpty, "\(withCatalog.stdout)")

        let without = try CLIProcess.run(["--check", "--no-catalog", rgd])
        #expect(without.status == 0)
        #expect(without.stdout.contains("info[KRO905]: no schema for cert-manager.io/v1 Certificate"), "\(without.stdout)")

        let overridden = try CLIProcess.run(["--check", "--crd", dir.appendingPathComponent("crds").path, rgd])
        #expect(overridden.status == 1)
        #expect(overridden.stdout.contains("error[KRO304]") && overridden.stdout.contains("dnsNames"), "\(overridden.stdout)")
    }

    /// `catalog: false` in `.kro-lsp.yaml` turns the catalog off like `--no-catalog`;
    /// `--strict-schemas` fires only for kinds no source knows, so a catalog kind passes
    /// it and the same kind without the catalog fails it.
    @Test func configurationTurnsTheCatalogOffAndStrictSchemasCountCatalogKindsAsKnown() throws {
        let dir = try CLIProcess.directory(["rgd.yaml": Self.rgd, "off/.kro-lsp.yaml": "catalog: false\n", "off/rgd.yaml": Self.rgd])
        defer { try? FileManager.default.removeItem(at: dir) }
        let rgd = dir.appendingPathComponent("rgd.yaml").path
        let governed = dir.appendingPathComponent("off/rgd.yaml").path

        let strict = try CLIProcess.run(["--check", "--strict-schemas", rgd])
        #expect(strict.status == 0)
        #expect(strict.stdout.isEmpty, "\(strict.stdout)")

        let strictWithout = try CLIProcess.run(["--check", "--strict-schemas", "--no-catalog", rgd])
        #expect(strictWithout.status == 1)
        #expect(strictWithout.stdout.contains("error[KRO905]: no schema for cert-manager.io/v1 Certificate"), "\(strictWithout.stdout)")

        let configured = try CLIProcess.run(["--check", governed])
        #expect(configured.status == 0)
        #expect(configured.stdout.contains("info[KRO905]: no schema for cert-manager.io/v1 Certificate"), "\(configured.stdout)")

        let configuredStrict = try CLIProcess.run(["--check", "--strict-schemas", governed])
        #expect(configuredStrict.status == 1)
        #expect(configuredStrict.stdout.contains("error[KRO905]"), "\(configuredStrict.stdout)")
    }
}
