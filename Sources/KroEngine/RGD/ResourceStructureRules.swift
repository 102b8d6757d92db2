import YAMLSyntax

/// kro's per-resource structure checks (errors.md phase 3: KRO212–KRO217, KRO220–KRO223)
/// and lint KRO916. KRO210/211 are admission's KRO011 and not repeated here.
enum ResourceStructureRules {
    static let reservedPrefixes = ["kro.run/", "internal.kro.run/"]
    /// A template's identity fields and the code each one's absence gets.
    static let identityFields = [("apiVersion", "KRO213"), ("kind", "KRO214")]

    /// `scopeOf` answers a kind's scope (nil when unknown offline).
    static func check(_ r: RGDResource, instanceScope: ResourceScope,
                      scopeOf: (GroupVersionKind) -> ResourceScope?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rid = r.id?.value ?? ""
        // Worded only for a finding (this runs for every resource).
        func notValid(_ detail: String) -> String { "resource \(rid) is not a valid Kubernetes object: " + detail }
        if r.externalRef != nil, r.template == nil, !r.forEach.isEmpty, let key = r.forEachKeyRange {
            out.append(Diagnostic(code: "KRO212",
                                  message: "invalid combination of resource fields: resource \"\(rid)\": cannot use externalRef with forEach",
                                  range: key))
        }
        // externalRef shape problems are admission's (KRO012); check templates here.
        guard let template = r.template?.mapping, let templateKey = r.templateKeyRange else {
            return out + externalScope(r, instanceScope: instanceScope, scopeOf: scopeOf)
        }
        var apiVersion: String?, kind: String?
        var avRange: TextRange?, kindRange: TextRange?
        var structureOK = true
        for (key, code) in Self.identityFields {
            guard let entry = template.entry(forKey: key) else {
                out.append(Diagnostic(code: code, message: notValid("\(key) field not found"), range: templateKey))
                structureOK = false
                continue
            }
            guard let s = entry.value.scalar, case .string(let v) = s.resolved else {
                out.append(Diagnostic(code: code, message: notValid("\(key) field is not a string"), range: entry.value.range))
                structureOK = false
                continue
            }
            if key == "apiVersion" { (apiVersion, avRange) = (v, entry.value.range) } else { (kind, kindRange) = (v, entry.value.range) }
        }
        let metaEntry = template.entry(forKey: "metadata")
        if metaEntry == nil {
            out.append(Diagnostic(code: "KRO215", message: notValid("metadata field not found"), range: templateKey))
        } else if let m = metaEntry, m.value.mapping == nil {
            out.append(Diagnostic(code: "KRO215", message: notValid("metadata field is not a map"), range: m.value.range))
        }
        guard structureOK, let apiVersion, let kind, let avRange, let kindRange else { return out }
        guard let gvk = GroupVersionKind(apiVersion: apiVersion, kind: kind), !ExpressionScanner.containsOpening(apiVersion) else {
            out.append(Diagnostic(code: "KRO216",
                                  message: "failed to extract GVK from resource \(rid): invalid apiVersion format \"\(apiVersion)\": unexpected GroupVersion string: \(apiVersion)",
                                  range: avRange))
            return out
        }
        let lower = kind.lowercased()
        if lower.utf8.count > 63 || !AdmissionReader.matchesDNSLabel(lower) {
            let detail = lower.utf8.count > 63 ? "must be no more than 63 characters"
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
            out.append(Diagnostic(code: "KRO217",
                                  message: "failed to extract GVK from resource \(rid): invalid kind \"\(kind)\": \(detail) (must be a valid DNS-1035 label when lowercased)",
                                  range: kindRange))
            return out
        }
        guard let meta = metaEntry?.value.mapping else { return out }
        out += labelRules(meta, rid: rid)
        if meta.value(forKey: "name") == nil && meta.value(forKey: "generateName") == nil {
            out.append(Diagnostic(code: "KRO916", severity: .warning,
                                  message: "resource \"\(rid)\" has neither metadata.name nor metadata.generateName; the API server will reject the object",
                                  range: metaEntry?.key.range ?? templateKey))
        }
        if let scope = scopeOf(gvk) {
            out += namespaceRules(meta, metaKey: metaEntry?.key.range ?? templateKey, resourceScope: scope,
                                  instanceScope: instanceScope, rid: rid, nodeType: r.nodeType)
        }
        return out
    }

    /// KRO222/223: kro-owned label and annotation prefixes (literal maps only).
    static func labelRules(_ meta: YAMLMapping, rid: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (field, code, noun) in [("labels", "KRO222", "label"), ("annotations", "KRO223", "annotation")] {
            guard let map = meta.value(forKey: field)?.mapping else { continue }
            for entry in map.effectiveEntries {
                // Keys whose first byte starts no reserved prefix skip the String comparisons.
                guard let key = entry.key.keyString, let first = key.utf8.first,
                      reservedPrefixes.contains(where: { $0.utf8.first == first }),
                      let p = reservedPrefixes.first(where: { key.hasPrefix($0) }) else { continue }
                out.append(Diagnostic(code: code,
                                      message: "invalid \(noun) for resource \"\(rid)\". \(noun)s with prefix \"\(p)\" are reserved for internal use",
                                      range: entry.key.range))
            }
        }
        return out
    }

    /// KRO220/221 (rgd.md §7.4).
    static func namespaceRules(_ meta: YAMLMapping, metaKey: TextRange, resourceScope: ResourceScope,
                               instanceScope: ResourceScope, rid: String, nodeType: RGDNodeType) -> [Diagnostic] {
        let ns = meta.entry(forKey: "namespace")
        if resourceScope == .cluster {
            guard let ns else { return [] }
            return [Diagnostic(code: "KRO220",
                               message: "resource \"\(rid)\" is cluster-scoped and must not set metadata.namespace",
                               range: ns.key.range)]
        }
        guard instanceScope == .cluster, nodeType != .externalCollection else { return [] }
        if let s = ns?.value.scalar, case .string(let v) = s.resolved,
           v.contains(where: { !$0.isWhitespace }) { return [] }
        return [Diagnostic(code: "KRO221",
                           message: "resource \"\(rid)\" is namespaced and must set metadata.namespace when the instance CRD is cluster-scoped",
                           range: metaKey)]
    }

    private static func externalScope(_ r: RGDResource, instanceScope: ResourceScope,
                                      scopeOf: (GroupVersionKind) -> ResourceScope?) -> [Diagnostic] {
        guard let ref = r.externalRef, let meta = ref.metadata?.mapping, let av = ref.apiVersion, let kind = ref.kind,
              let gvk = GroupVersionKind(apiVersion: av.value, kind: kind.value), let scope = scopeOf(gvk) else { return [] }
        return namespaceRules(meta, metaKey: ref.metadataKeyRange ?? ref.keyRange, resourceScope: scope,
                              instanceScope: instanceScope, rid: r.id?.value ?? "", nodeType: r.nodeType)
    }
}
