import CEL
import JSON

/// A generated CRD as RGD chaining reads it, worked out once per RGD analysis and shared
/// by every view that holds it: the kinds it defines, and a digest that tells two CRDs
/// made apart equal. With 500 open copies of one RGD, each analysis parsed the other
/// 499 CRDs and compared each whole with the first: 25 s to open them.
public final class CRDContent: Sendable {
    public let crd: JSONValue
    /// The GVK keys of the kinds the CRD defines, and the kinds (no origin set), in order.
    let kindKeys: [String]
    let kinds: [KindSchema]
    private let digestMemo = Memo<[UInt8]?>()

    public init(_ crd: JSONValue) {
        self.crd = crd
        kinds = CRDSchemas.kinds(in: crd, path: "")
        kindKeys = kinds.map(\.gvk.bundleKey)
    }

    /// SHA-256 of the CRD's JSON text, made only when two CRDs are compared (nil when the
    /// CRD has no JSON text, e.g. a NaN default).
    var digest: [UInt8]? {
        digestMemo.value { (try? JSONSerializer().string(crd)).map { SHA256.hash($0.utf8) } }
    }

    /// Whether the two hold one CRD: the same object, equal digests, or (without a digest)
    /// equal JSON.
    func isSame(as other: CRDContent) -> Bool {
        if self === other { return true }
        if let a = digest, let b = other.digest { return a == b }
        return crd == other.crd
    }
}
