import JSON

/// What kro refuses when an RGD's CRD changes (rgd.md §16): compares the generated CRD of
/// an RGD with a previous version of it, spec and status, as kro's `crd/compat` does
/// (kubernetes-sigs/kro 0302e659) — only what kro reports breaking, so an update kro
/// accepts is never an error.
public enum BreakingChanges {
    public static let code = "KRO513"
    public static let allowAnnotation = "kro.run/allow-breaking-changes"

    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case removed, retyped, newlyRequired, defaultRemoved, enumNarrowed, patternChanged
            case rangeNarrowed, kindChanged, versionChanged, groupChanged, scopeChanged
        }
        public var kind: Kind
        /// The field path under the instance (`spec.a.b`), empty for kind/version/group/scope.
        public var path: [String]
        public var detail: String
    }

    /// Every breaking difference between the old and the new CRD source, in schema order.
    public static func compare(old: CRDSource, new: CRDSource) -> [Change] {
        var changes: [Change] = []
        if old.kind != new.kind {
            changes.append(Change(kind: .kindChanged, path: [], detail: "kind changed from \(old.kind) to \(new.kind)"))
        }
        if old.apiVersion != new.apiVersion {
            changes.append(Change(kind: .versionChanged, path: [],
                                  detail: "version changed from \(old.apiVersion) to \(new.apiVersion)"))
        }
        if (old.group ?? "kro.run") != (new.group ?? "kro.run") {
            changes.append(Change(kind: .groupChanged, path: [],
                                  detail: "group changed from \(old.group ?? "kro.run") to \(new.group ?? "kro.run")"))
        }
        if (old.scope ?? "Namespaced") != (new.scope ?? "Namespaced") {
            changes.append(Change(kind: .scopeChanged, path: [],
                                  detail: "scope changed from \(old.scope ?? "Namespaced") to \(new.scope ?? "Namespaced")"))
        }
        compareSchemas(old.spec, new.spec, path: ["spec"], into: &changes)
        // kro compares the whole openAPIV3Schema: a status field removed or retyped breaks too.
        compareSchemas(CRDGenerator.statusSchema(old.status), CRDGenerator.statusSchema(new.status),
                       path: ["status"], into: &changes)
        return changes
    }

    static func compareSchemas(_ old: JSONValue, _ new: JSONValue, path: [String], into changes: inout [Change]) {
        let field = path.joined(separator: ".")
        let oldType = old["type"]?.stringValue, newType = new["type"]?.stringValue
        // kro compares the type strings, so an untyped field (preserve-unknown-fields) that
        // gains a type is a change too.
        if oldType != newType {
            changes.append(Change(kind: .retyped, path: path,
                                  detail: "field \(field) changed type from \(oldType ?? "untyped") to \(newType ?? "untyped")"))
            return
        }
        // Enums: a value the old enum accepted is gone. kro compares enums only when both
        // schemas have one: an enum on a field that had none is not breaking.
        if let oldEnum = old["enum"]?.arrayValue, let newEnum = new["enum"]?.arrayValue, !newEnum.isEmpty {
            let dropped = oldEnum.filter { !newEnum.contains($0) }
            if !dropped.isEmpty {
                changes.append(Change(kind: .enumNarrowed, path: path,
                                      detail: "field \(field) no longer accepts \(dropped.map(\.jsonText).joined(separator: ", "))"))
            }
        }
        if let pattern = new["pattern"]?.stringValue, pattern != old["pattern"]?.stringValue {
            let what = old["pattern"] == nil ? "gained a pattern" : "changed its pattern"
            changes.append(Change(kind: .patternChanged, path: path, detail: "field \(field) \(what) \(pattern)"))
        }
        for (bound, raises) in [("minimum", true), ("minLength", true), ("minItems", true),
                                ("maximum", false), ("maxLength", false), ("maxItems", false)] {
            guard let newBound = new[bound]?.numberValue else { continue }
            let oldBound = old[bound]?.numberValue
            let narrower = oldBound.map { raises ? newBound > $0 : newBound < $0 } ?? true
            if narrower {
                let from = oldBound.map { " from \(format($0))" } ?? ""
                changes.append(Change(kind: .rangeNarrowed, path: path,
                                      detail: "field \(field) \(bound) \(oldBound == nil ? "added" : "changed")\(from) to \(format(newBound))"))
            }
        }
        // Object properties: removed ones, newly required ones (an existing field even with a
        // default, a new one only without), defaults dropped from required ones.
        let oldProperties = old["properties"]?.objectValue ?? [:], newProperties = new["properties"]?.objectValue ?? [:]
        let oldRequired = Set(old["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let newRequired = new["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for (name, oldProperty) in oldProperties {
            guard let newProperty = newProperties[name] else {
                changes.append(Change(kind: .removed, path: path + [name], detail: "field \(field).\(name) removed"))
                continue
            }
            compareSchemas(oldProperty, newProperty, path: path + [name], into: &changes)
        }
        for name in newRequired where !oldRequired.contains(name)
            && (oldProperties[name] != nil || newProperties[name]?["default"] == nil) {
            changes.append(Change(kind: .newlyRequired, path: path + [name], detail: "field \(field).\(name) is newly required"))
        }
        for name in newRequired where oldRequired.contains(name) {
            if oldProperties[name]?["default"] != nil && newProperties[name]?["default"] == nil {
                changes.append(Change(kind: .defaultRemoved, path: path + [name],
                                      detail: "required field \(field).\(name) lost its default"))
            }
        }
        // Map values (additionalProperties) are not compared: kro does not look at them.
        if let oldItems = old["items"], let newItems = new["items"] {
            compareSchemas(oldItems, newItems, path: path + ["[]"], into: &changes)
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

private extension JSONValue {
    var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
