/// An RGD's findings counted resource by resource, in resource order whatever order the
/// threads finish them in (AnalysisLimits.maxFindings). Once the resources so far hold more
/// than the limit, the resources after the one that went over report nothing: their
/// findings come after those kept, which `AnalysisLimits.capFindings` cuts to the limit.
/// `RGDAnalyzer.assemble` leaves them out by the same count (`lastKept`); the per-resource
/// pass drops them as soon as they are made (`keeps`) and does not search a resource known
/// to be left out (`isPast`), so a file of millions of findings never holds them all.
/// Which resources are left out depends only on each resource's count: the findings are
/// the same for any number of threads, with or without a cache.
final class FindingBudget: @unchecked Sendable {
    private let lock = Lock()
    private var counts: [Int?]
    /// Resources counted into `total`: those before it have all been recorded.
    private var counted = 0
    private var total = 0
    private var last: Int?
    let limit: Int

    /// `counts`: each resource's findings where known already (results taken from a
    /// cache), nil for those the pass computes.
    init(counts: [Int?], limit: Int) {
        self.counts = counts
        self.limit = limit
        count()
    }

    /// Records resource `k`'s findings; false when they are left out (`k` is after the
    /// resource where the findings went over the limit).
    func keeps(_ k: Int, findings: Int) -> Bool {
        lock.withLock {
            counts[k] = findings
            count()
            return last.map { k <= $0 } ?? true
        }
    }

    /// Counts the resources recorded in order (under the lock, or in `init`).
    private func count() {
        while last == nil, counted < counts.count, let n = counts[counted] {
            total += n
            if total > limit { last = counted }
            counted += 1
        }
    }

    /// Whether resource `k` is known to be left out already.
    func isPast(_ k: Int) -> Bool {
        lock.withLock { last.map { k > $0 } ?? false }
    }

    /// The resource where `counts` (each resource's findings, in order) go over `limit`:
    /// those after it are left out. nil when they stay within it.
    static func lastKept(_ counts: some Sequence<Int>, limit: Int) -> Int? {
        var total = 0
        for (k, n) in counts.enumerated() {
            total += n
            if total > limit { return k }
        }
        return nil
    }
}
