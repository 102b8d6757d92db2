/// An object's `apiVersion` and `kind`.
struct TypeMeta: Hashable, Sendable {
    var apiVersion: String
    var kind: String
}

/// The RGDs that define each instance type, in order: built once for a `--check` run (or
/// an editor request) and read for every file. An instance's kind is the first of them
/// whose generated CRD gives one. The CRD is generated only when a document of the type
/// asks: generation is the expensive part, and the CRD's group, version and kind are the
/// schema's (`group` defaulted as `CRDSource.effectiveGroup` does). Before, each file
/// looked through every RGD of the run: 4,000 RGD files took 6 s, 20,000 took 220 s.
public struct InstanceKindIndex: Sendable {
    private let rgds: [RGDAnalysis]
    private var byType: [TypeMeta: [Int]] = [:]

    public init(rgds: [RGDAnalysis]) {
        self.rgds = rgds
        for (i, rgd) in rgds.enumerated() {
            guard let schema = rgd.rgd.schema, let kind = schema.kind?.value, let version = schema.apiVersion?.value else { continue }
            byType[TypeMeta(apiVersion: schema.effectiveGroup + "/" + version, kind: kind), default: []].append(i)
        }
    }

    /// Whether an RGD of the run defines `type` (whether it has a CRD giving one is for
    /// `kind(_:)` to find out).
    func definesType(_ type: TypeMeta) -> Bool { byType[type] != nil }

    func kind(_ type: TypeMeta) -> InstanceKind? {
        for i in byType[type] ?? [] {
            guard let crd = rgds[i].generatedCRD, let instance = InstanceKind(crd: crd.result.crd),
                  TypeMeta(apiVersion: instance.apiVersion, kind: instance.kind) == type else { continue }
            return instance
        }
        return nil
    }
}
