/// A Kubernetes group/version/kind, parsed the way kro parses a template's `apiVersion`
/// (rgd.md §7.2): `v1` is the core group, `g/v` a named group.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group; self.version = version; self.kind = kind
    }

    /// nil when `apiVersion` has more than one `/` or an empty part.
    public init?(apiVersion: String, kind: String) {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where !parts[0].isEmpty:
            self.init(group: "", version: String(parts[0]), kind: kind)
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty:
            self.init(group: String(parts[0]), version: String(parts[1]), kind: kind)
        default:
            return nil
        }
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The bundle's key: `apps/v1/Deployment`, `v1/ConfigMap`.
    public var bundleKey: String { "\(apiVersion)/\(kind)" }

    /// The kind a `bundleKey` names; nil when it is not one.
    public init?(bundleKey: String) {
        guard let slash = bundleKey.lastIndex(of: "/") else { return nil }
        self.init(apiVersion: String(bundleKey[..<slash]), kind: String(bundleKey[bundleKey.index(after: slash)...]))
    }

    public var description: String { bundleKey }
}
