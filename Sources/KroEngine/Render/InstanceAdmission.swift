import JSON
import OrderedCollections
import YAMLSyntax

/// The instance as the API server stores it, with the field errors it would return.
public struct AdmittedInstance: Sendable {
    /// The pruned, defaulted object (without `status`, which a create ignores).
    public var object: JSONValue
    /// KRO601 errors (the API server would refuse the object) and warnings (pruned fields).
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// What its validation rules cost, and whether they ran out of their budget.
    public var ruleCost: Int64 = 0
    public var rulesRanOut = false
}

/// What the generated CRD says about its instances (the same object `kro-lsp crd` prints).
public struct InstanceKind: Sendable {
    public var group: String
    public var version: String
    public var kind: String
    public var namespaced: Bool
    /// `openAPIV3Schema`.
    public var schema: JSONValue

    public var apiVersion: String { group.isEmpty ? version : group + "/" + version }

    /// nil when the CRD lacks a version schema.
    public init?(crd: JSONValue) {
        guard let spec = crd["spec"], let version = spec["versions"]?.arrayValue?.first,
              let name = version["name"]?.stringValue, let schema = version["schema"]?["openAPIV3Schema"],
              let kind = spec["names"]?["kind"]?.stringValue else { return nil }
        self.group = spec["group"]?.stringValue ?? ""
        self.version = name
        self.kind = kind
        self.namespaced = spec["scope"]?.stringValue != "Cluster"
        self.schema = schema
    }
}

/// Admission of an instance document against its generated CRD, as the API server does it
/// on create (rgd.md §18 step 1): prune unknown fields, apply structural defaults, then
/// validate, reporting field errors in the API server's wording at the instance's
/// line and column.
public enum InstanceAdmission {
    /// `source`: the file's text, for the fixes of missing required fields. Findings past
    /// `maxFindings` are left out, with KRO921 at the first of them; validation rules stop
    /// once they have cost `ruleCostBudget` together (none runs under -1). When that budget
    /// is what a file had left, `fileRuleBudgetNotice` (KRO921) says so instead of the API
    /// server's error.
    public static func admit(_ document: YAMLDocument, kind: InstanceKind, source: SourceText? = nil,
                             maxFindings: Int = AnalysisLimits().maxFindings, moreFindingsHint: String? = nil,
                             ruleCostBudget: Int64 = ValidationRules.costBudget,
                             fileRuleBudgetNotice: String? = nil) -> AdmittedInstance {
        let locator = FieldLocator(root: document.root, documentRange: document.range, source: source)
        var report = FieldErrorReport(locator: locator, limit: maxFindings, moreFindingsHint: moreFindingsHint)
        report.ruleCostLeft = ruleCostBudget
        report.fileRuleBudgetNotice = fileRuleBudgetNotice
        let root = document.root.map { KubectlReading($0, depth: 0) }
        guard let root, root.isObject else {
            report.error(APIFieldPath(), "Invalid value: \"\(typeName(root?.json ?? .null))\": the instance must be an object", at: .value)
            return AdmittedInstance(object: .object([:]), diagnostics: report.diagnostics)
        }
        // The spec is read from the YAML by the pruner; the fields a create ignores or
        // prunes at the top are only named.
        var object = OrderedDictionary<String, JSONValue>()
        var specReading: KubectlReading?
        var otherKeys: [String] = []
        root.forEachMember { key, child in
            switch key {
            case "spec": specReading = child; object[key] = .null   // its place, for now
            case "apiVersion", "kind", "metadata": object[key] = child.json
            default: otherKeys.append(key)
            }
        }
        checkTypeMeta(object, kind: kind, report: &report)
        object["metadata"] = admitMetadata(object["metadata"], kind: kind, report: &report)
        // A create ignores `status` (the status subresource is enabled); other top-level
        // fields the schema does not declare are pruned.
        for key in otherKeys where key != "status" {
            report.warning(APIFieldPath().child(key), "unknown field \"\(key)\"")
        }

        let specSchema = kind.schema["properties"]?["spec"] ?? ["type": "object"]
        let path = APIFieldPath().child("spec")
        var spec: JSONValue?
        // A null the schema does not allow is dropped before defaulting (as in nested fields).
        if let specReading, !(specReading.isNull && specSchema["nullable"] != .bool(true)) {
            spec = SchemaPruner.prune(specReading, schema: specSchema, path: path, report: &report)
        } else if let d = specSchema["default"] {
            spec = SchemaPruner.prune(d, schema: specSchema, path: path, report: &report)
        }
        if var value = spec {
            value = SchemaDefaulter.apply(value, schema: specSchema)
            SchemaValidator.validate(value, schema: specSchema, path: path, report: &report)
            object["spec"] = value
        } else if (kind.schema["required"]?.arrayValue ?? []).contains("spec") {
            report.missingRequired("spec", of: APIFieldPath(), schema: specSchema)
        }
        return AdmittedInstance(object: .object(object), diagnostics: report.diagnostics, ruleCost: report.ruleCostSpent,
                                rulesRanOut: report.ruleCostLeft < 0)
    }

    private static func checkTypeMeta(_ object: OrderedDictionary<String, JSONValue>, kind: InstanceKind,
                                      report: inout FieldErrorReport) {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let k = object["kind"]?.stringValue ?? ""
        if apiVersion != kind.apiVersion {
            report.error(APIFieldPath().child("apiVersion"),
                         "Invalid value: \"\(apiVersion)\": must be \(kind.apiVersion)", at: .value)
        }
        if k != kind.kind {
            report.error(APIFieldPath().child("kind"), "Invalid value: \"\(k)\": must be \(kind.kind)", at: .value)
        }
    }

    /// ObjectMeta: a name (or generateName) is required; server-set fields are kept as the
    /// user wrote them (they may feed `schema.metadata.uid`); a cluster-scoped kind has no
    /// namespace.
    private static func admitMetadata(_ metadata: JSONValue?, kind: InstanceKind, report: inout FieldErrorReport) -> JSONValue {
        let path = APIFieldPath().child("metadata")
        guard case .object(var meta)? = metadata else {
            if let metadata, metadata != .null {
                report.error(path, "Invalid value: \"\(typeName(metadata))\": metadata must be an object", at: .value)
            }
            report.error(path.child("name"), "Required value: name or generateName is required", at: .key)
            return .object([:])
        }
        let name = meta["name"]?.stringValue ?? ""
        if name.isEmpty && (meta["generateName"]?.stringValue ?? "").isEmpty {
            report.error(path.child("name"), "Required value: name or generateName is required", at: .key)
        }
        if !kind.namespaced, let ns = meta["namespace"]?.stringValue, !ns.isEmpty {
            report.warning(path.child("namespace"), "metadata.namespace is ignored: \(kind.kind) is cluster-scoped")
            meta.removeValue(forKey: "namespace")
        }
        return .object(meta)
    }

    /// The JSON type name the API server prints for a value.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
