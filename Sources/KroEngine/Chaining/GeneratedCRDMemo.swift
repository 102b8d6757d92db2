/// One RGD analysis's generated CRD, made on first use and shared by the copies of the
/// analysis (`RGDAnalysis.generatedCRD`).
final class GeneratedCRDMemo: @unchecked Sendable {  // `made` is read and written under `lock`
    private let lock = Lock()
    private var made: GeneratedCRD??

    /// The CRD `make` gives, made at most once (two threads asking at once may both make
    /// it; they make the same).
    func value(_ make: () -> GeneratedCRD?) -> GeneratedCRD? {
        if let made = lock.withLock({ made }) { return made }
        let crd = make()
        lock.withLock { made = .some(crd) }
        return crd
    }
}
