import Dispatch

/// A task executor on a serial Dispatch queue of its own. The server's tasks (requests
/// answered later, analysis scheduling) prefer one each, so they never wait for a thread of
/// Swift's cooperative pool: its few threads (one per core) may be held by whoever hosts the
/// server (a test run's synchronous tests, for one), and a serial queue is an overcommit
/// queue, which Dispatch gives a thread even while its other threads are busy.
final class QueueTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(_ label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}

extension Task where Failure == Never {
    /// A detached task on a `QueueTaskExecutor` of its own.
    @discardableResult
    static func onOwnQueue(_ label: String, _ operation: @escaping @Sendable () async -> Success) -> Task<Success, Never> {
        Task.detached(executorPreference: QueueTaskExecutor(label), operation: operation)
    }
}
