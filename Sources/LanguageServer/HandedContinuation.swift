import KroEngine

/// A continuation whose value goes to the awaiting task through a lock.
///
/// Swift's runtime orders what the resuming thread did before `resume` before what the task
/// does after its `await`, and ThreadSanitizer sees that ordering when the task had
/// suspended. When the resume comes first (the value was ready before the task reached its
/// `await`), the task goes on at once, through atomics ThreadSanitizer does not see: it
/// reported a hover reading the snapshot an analysis thread had just built. Taking the value
/// out under the lock the resumer put it in under makes the ordering visible, at the cost of
/// an uncontended lock each way.
struct HandedContinuation<Value: Sendable>: Sendable {
    fileprivate let continuation: CheckedContinuation<Void, Never>
    fileprivate let slot: HandoffSlot<Value>

    func resume(returning value: Value) {
        slot.put(value)
        continuation.resume()
    }
}

/// Suspends until `body`'s continuation is resumed, and returns its value.
func withHandedContinuation<Value: Sendable>(_ body: (HandedContinuation<Value>) -> Void) async -> Value {
    let slot = HandoffSlot<Value>()
    await withCheckedContinuation { body(HandedContinuation(continuation: $0, slot: slot)) }
    return slot.take()
}

private final class HandoffSlot<Value: Sendable>: @unchecked Sendable {
    private let lock = Lock()
    private var value: Value?

    func put(_ value: Value) { lock.withLock { self.value = value } }

    func take() -> Value {
        lock.withLock {
            guard let value = value.take() else { preconditionFailure("resumed without a value") }
            return value
        }
    }
}
