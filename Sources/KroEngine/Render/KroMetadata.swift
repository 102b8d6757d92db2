import CEL
import FoundationEssentials
import JSON
import OrderedCollections

/// The labels and annotations kro's instance controller adds to every object it applies
/// (kro: `applyDecoratorMetadata`, `metadata/labels.go`, the applyset membership label).
/// Values only the cluster knows (UIDs, the controller's version) are reported as
/// pending instead.
struct KroMetadata {
    let rgdName: String
    let instanceName: String
    let instanceNamespace: String?
    let instanceUID: String?
    let group: String
    let version: String
    let kind: String
    /// KEP-3659 applyset id of the instance: base64url(sha256(name.namespace.kind.group)).
    /// Computed once: every object of the instance carries it.
    let applySetID: String

    init(rgdName: String, instanceName: String, instanceNamespace: String?, instanceUID: String?,
         group: String, version: String, kind: String) {
        self.rgdName = rgdName; self.instanceName = instanceName; self.instanceNamespace = instanceNamespace
        self.instanceUID = instanceUID; self.group = group; self.version = version; self.kind = kind
        let text = [instanceName, instanceNamespace ?? "", kind, group].joined(separator: ".")
        let digest = Data(SHA256.hash(Array(text.utf8))).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
        applySetID = "applyset-\(digest)-v1"
    }

    /// Labels and the apply-order annotation for one object of node `nodeID`.
    func decorate(_ object: inout JSONValue, nodeID: String, applyOrder: Int?,
                  collection: (index: Int, size: Int)?) -> [PendingField] {
        var pending: [PendingField] = []
        var meta = object["metadata"]?.objectValue ?? [:]
        var labels = meta["labels"]?.objectValue ?? [:]
        labels["kro.run/owned"] = "true"
        labels["kro.run/resource-graph-definition-name"] = .string(rgdName)
        labels["kro.run/instance-name"] = .string(instanceName)
        if let ns = instanceNamespace { labels["kro.run/instance-namespace"] = .string(ns) }
        labels["kro.run/instance-group"] = .string(group)
        labels["kro.run/instance-version"] = .string(version)
        labels["kro.run/instance-kind"] = .string(kind)
        labels["app.kubernetes.io/managed-by"] = "kro"
        labels["kro.run/node-id"] = .string(nodeID)
        if let c = collection {
            labels["kro.run/collection-index"] = .string(String(c.index))
            labels["kro.run/collection-size"] = .string(String(c.size))
        }
        labels["applyset.kubernetes.io/part-of"] = .string(applySetID)
        if let uid = instanceUID {
            labels["kro.run/instance-id"] = .string(uid)
        } else {
            pending.append(PendingField(path: "metadata.labels[\"kro.run/instance-id\"]", expression: "", needs: "schema.metadata.uid"))
        }
        pending.append(PendingField(path: "metadata.labels[\"kro.run/kro-version\"]", expression: "", needs: "the kro controller's version"))
        pending.append(PendingField(path: "metadata.labels[\"kro.run/resource-graph-definition-id\"]", expression: "", needs: "the ResourceGraphDefinition's uid"))
        meta["labels"] = .object(labels)
        if let applyOrder {
            var annotations = meta["annotations"]?.objectValue ?? [:]
            annotations["internal.kro.run/apply-order"] = .string(String(applyOrder))
            meta["annotations"] = .object(annotations)
        }
        object = withMetadata(object, .object(meta))
        return pending
    }

    /// The instance as kro leaves it: its finalizer and ownership labels.
    func decorateInstance(_ instance: inout JSONValue) {
        var meta = instance["metadata"]?.objectValue ?? [:]
        var labels = meta["labels"]?.objectValue ?? [:]
        labels["kro.run/owned"] = "true"
        labels["kro.run/resource-graph-definition-name"] = .string(rgdName)
        labels["applyset.kubernetes.io/id"] = .string(applySetID)
        meta["labels"] = .object(labels)
        var finalizers = meta["finalizers"]?.arrayValue ?? []
        if !finalizers.contains("kro.run/finalizer") { finalizers.append("kro.run/finalizer") }
        meta["finalizers"] = .array(finalizers)
        instance = withMetadata(instance, .object(meta))
    }

    /// Puts `metadata` after `apiVersion`/`kind` when it was absent.
    private func withMetadata(_ object: JSONValue, _ meta: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        if members["metadata"] != nil { members["metadata"] = meta; return .object(members) }
        var out = OrderedDictionary<String, JSONValue>()
        for (k, v) in members {
            out[k] = v
            if k == "kind" { out["metadata"] = meta }
        }
        if out["metadata"] == nil { out["metadata"] = meta }
        return .object(out)
    }
}
