/// A value computed on first use and kept, safe to share between threads: the parts of a
/// snapshot that only requests read (expression index, symbols) are not built on the
/// edit → diagnostics path.
final class LazyValue<Value: Sendable>: @unchecked Sendable {
    private let lock = Lock()
    private var value: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var wrapped: Value {
        lock.withLock {
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}
