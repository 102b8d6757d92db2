/// A value made on first use and shared by the copies of what holds it (an RGD analysis's
/// generated CRD and its chaining content, `RGDAnalysis.generatedCRD`; a CRD's digest).
final class Memo<Value: Sendable>: @unchecked Sendable {  // `made` is read and written under `lock`
    private let lock = Lock()
    private var made: Value?

    /// The value `make` gives, made at most once (two threads asking at once may both make
    /// it; they make the same).
    func value(_ make: () -> Value) -> Value {
        if let made = lock.withLock({ made }) { return made }
        let value = make()
        lock.withLock { made = value }
        return value
    }
}
