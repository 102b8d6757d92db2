import Foundation
import JSON

/// The Kubernetes schema bundle shipped as this package's resource
/// (`scripts/update-k8s-schemas.sh` copies it from `../shared/k8s-schemas`).
public enum BundledSchemas {
    static let resourceBundleName = "kro-lsp_KroEngine.resources"
    static let fileName = "kubernetes-schemas.json"

    /// The bundled store, read once on first use. Empty (with `loadProblem` set) when the
    /// resource cannot be found or read, so a misplaced install degrades, never crashes.
    public static let store: SchemaStore = load().store

    /// Why the bundle could not be loaded, if it could not.
    public static let loadProblem: String? = load().problem

    private static func load() -> (store: SchemaStore, problem: String?) {
        guard let url = locate() else {
            return (SchemaStore(), "the Kubernetes schema bundle (\(resourceBundleName)/\(fileName)) was not found next to the executable")
        }
        do {
            let data = try Data(contentsOf: url)
            let value = try JSONParser.parse([UInt8](data))
            return (SchemaStore(bundle: value), nil)
        } catch {
            return (SchemaStore(), "the Kubernetes schema bundle at \(url.path) could not be read: \(error)")
        }
    }

    /// Looks where SwiftPM puts resource bundles (beside the executable or the test
    /// bundle), without `Bundle.module`, which traps when the bundle is missing.
    static func locate() -> URL? {
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            directories.append(executable.deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in directories {
            for candidate in [
                directory.appendingPathComponent(resourceBundleName).appendingPathComponent(fileName),
                directory.appendingPathComponent(resourceBundleName).appendingPathComponent("Resources").appendingPathComponent(fileName),
            ] where FileManager.default.fileExists(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }
}
