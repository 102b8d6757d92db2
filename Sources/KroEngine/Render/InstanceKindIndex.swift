/// An object's `apiVersion` and `kind`.
struct TypeMeta: Hashable {
    var apiVersion: String
    var kind: String
}

/// The instance kinds of some RGDs by type, the first RGD (in order) winning, built only
/// for the types in `wanted`. The CRD of an RGD is generated only when its schema names
/// a wanted type: generation is the expensive part, and the CRD's group, version and kind
/// are the schema's (`group` defaulted as `CRDSource.effectiveGroup` does).
struct InstanceKindIndex {
    private var kinds: [TypeMeta: InstanceKind] = [:]

    init(rgds: [RGDAnalysis], wanted: Set<TypeMeta>) {
        for rgd in rgds {
            guard let schema = rgd.rgd.schema, let kind = schema.kind?.value, let version = schema.apiVersion?.value,
                  wanted.contains(TypeMeta(apiVersion: schema.effectiveGroup + "/" + version, kind: kind)),
                  let crd = rgd.generatedCRD, let instance = InstanceKind(crd: crd.result.crd) else { continue }
            let type = TypeMeta(apiVersion: instance.apiVersion, kind: instance.kind)
            if kinds[type] == nil { kinds[type] = instance }
        }
    }

    subscript(type: TypeMeta) -> InstanceKind? { kinds[type] }
    var isEmpty: Bool { kinds.isEmpty }
}
