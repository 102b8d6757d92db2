import Dispatch
import KroEngine

/// Where the server's blocking work runs: analyses and previews hold a thread for as long as
/// they take (hundreds of milliseconds on a large file). Swift's cooperative pool has one
/// thread per core, so there two analyses would leave no thread to answer requests or to
/// resume waiting tasks. Each run gets a serial Dispatch queue of its own (an overcommit
/// queue: Dispatch gives it a thread even while its other threads are busy), and at most
/// `limit` limited runs go at once; a caller waiting for its turn is suspended, not blocked.
final class AnalysisExecutor: @unchecked Sendable {
    /// Limited runs at once.
    let limit: Int
    private let lock = Lock()
    private var running = 0
    private var nextTicket = 0
    private var waiting: [Waiter] = []
    /// Urgent runs waiting: served before `waiting`.
    private var waitingUrgent: [Waiter] = []
    /// Keys a request is waiting on whose run was not waiting yet: it goes urgent when it comes.
    private var promoted: Set<String> = []

    private struct Waiter {
        var ticket: Int
        var key: String?
        var continuation: HandedContinuation<Bool>
    }

    init(limit: Int) { self.limit = max(1, limit) }

    /// Runs `work` on a thread of its own and returns its result, or nil when the calling task
    /// was cancelled while waiting for its turn. Cancelling the task raises the signal `work`
    /// gets (an analysis stops between resources); `work` still returns on its thread.
    /// `limited`: counts against `limit` (analyses); previews, which a request waits for, do not.
    /// `urgent`: goes before the runs waiting that are not (an edited document's analysis
    /// before the documents that read what it defines: with 200 readers, an edit waited
    /// 0.7 s behind the analyses the edit before it caused).
    /// `key`: what `promote` names the run by (an analysis: its document's URI).
    func run<T: Sendable>(_ label: String, limited: Bool = true, urgent: Bool = false, key: String? = nil,
                          _ work: @escaping @Sendable (StopSignal) -> T) async -> T? {
        if limited { guard await acquire(urgent: urgent, key: key) else { return nil } }
        let stop = StopSignal()
        return await withTaskCancellationHandler {
            await withHandedContinuation { continuation in
                DispatchQueue(label: label).async { [self] in
                    let result = work(stop)
                    // Released here, not after the caller resumes: the next run need not wait
                    // for a cooperative thread to start.
                    if limited { release() }
                    continuation.resume(returning: result)
                }
            }
        } onCancel: { stop.raise() }
    }

    /// Waits for a free run; false when the task is cancelled first.
    private func acquire(urgent: Bool, key: String?) async -> Bool {
        let ticket = lock.withLock { nextTicket += 1; return nextTicket }
        return await withTaskCancellationHandler {
            await withHandedContinuation { continuation in
                let granted = lock.withLock { () -> Bool? in
                    // Checked under the lock: a cancellation before this finds nothing to remove.
                    if Task.isCancelled { return false }
                    let wanted = key.map { promoted.remove($0) != nil } ?? false
                    if running < limit { running += 1; return true }
                    let waiter = Waiter(ticket: ticket, key: key, continuation: continuation)
                    if urgent || wanted { waitingUrgent.append(waiter) } else { waiting.append(waiter) }
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let removed = lock.withLock { () -> HandedContinuation<Bool>? in
                if let k = waitingUrgent.firstIndex(where: { $0.ticket == ticket }) { return waitingUrgent.remove(at: k).continuation }
                guard let k = waiting.firstIndex(where: { $0.ticket == ticket }) else { return nil }
                return waiting.remove(at: k).continuation
            }
            removed?.resume(returning: false)
        }
    }

    /// Makes the runs named `key` urgent: those waiting go after the urgent ones already
    /// waiting, and one that comes later goes urgent (a request waits on it: a hover waited
    /// 2 s behind the re-analysis of 60 large documents after a settings change).
    func promote(_ key: String) {
        lock.withLock {
            let (named, others) = (waiting.filter { $0.key == key }, waiting.filter { $0.key != key })
            if named.isEmpty {
                promoted.insert(key)
            } else {
                waiting = others
                waitingUrgent.append(contentsOf: named)
            }
        }
    }

    /// Forgets a promotion whose run will not come (its document closed).
    func forgetPromotion(_ key: String) {
        _ = lock.withLock { promoted.remove(key) }
    }

    /// Hands the finished run's turn to the longest urgent waiter, else the longest waiter,
    /// or frees it.
    private func release() {
        let next = lock.withLock { () -> HandedContinuation<Bool>? in
            if !waitingUrgent.isEmpty { return waitingUrgent.removeFirst().continuation }
            guard !waiting.isEmpty else { running -= 1; return nil }
            return waiting.removeFirst().continuation
        }
        next?.resume(returning: true)
    }
}
