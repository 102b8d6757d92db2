import Dispatch

/// Runs one job per resource on several threads: the jobs are cut into contiguous slices,
/// each slice runs in order on one thread with its own copy of the per-run state (the
/// reference rules and type checker, whose per-resource results are taken after each job),
/// and the results come back in job order. The outcome is the same for any number of
/// threads: no job reads what another job wrote (the schema type memo the checkers share
/// is locked and holds pure results).
struct ResourceSlices {
    /// Threads that may run slices, the caller's included; 1 runs everything on the caller's.
    let threads: Int
    /// Fewer jobs than this stay on the caller's thread.
    var minimumParallelJobs = Self.defaultMinimumParallelJobs

    /// An edit recomputes one or two resources: a thread hop would cost more than it saves.
    static let defaultMinimumParallelJobs = 8
    /// Slices per thread: a slice of expensive resources does not leave the others idle.
    static let slicesPerThread = 3

    /// `body(&state, job)` for each job in `0..<count`; nil when `shouldStop` said so
    /// (asked before each job) — then `finished` counts the jobs that ran.
    func map<State: Sendable, Result: Sendable>(_ count: Int, state: State, shouldStop: (@Sendable () -> Bool)?,
                            finished: inout Int,
                            _ body: @Sendable (inout State, Int) -> Result) -> [Result]? {
        let sliceCount = threads <= 1 || count < minimumParallelJobs ? 1 : min(count, threads * Self.slicesPerThread)
        var slots = [Result?](repeating: nil, count: count)
        let stop = StopSignal()
        @Sendable func runSlice(_ slice: Int, _ slots: UnsafeMutableBufferPointer<Result?>) {
            var state = state
            for job in Self.bounds(of: slice, in: sliceCount, count: count) {
                if stop.isRaised { return }
                if shouldStop?() == true { stop.raise(); return }
                slots[job] = body(&state, job)
            }
        }
        slots.withUnsafeMutableBufferPointer { slots in
            if sliceCount == 1 { return runSlice(0, slots) }
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: sliceCount) { runSlice($0, slots) }
        }
        guard !stop.isRaised else {
            finished = slots.lazy.filter { $0 != nil }.count
            return nil
        }
        finished = count
        return slots.map { $0! }
    }

    /// The jobs of slice `slice` of `slices`: contiguous, sizes differing by at most one.
    static func bounds(of slice: Int, in slices: Int, count: Int) -> Range<Int> {
        let (size, extra) = count.quotientAndRemainder(dividingBy: slices)
        let start = slice * size + min(slice, extra)
        return start..<(start + size + (slice < extra ? 1 : 0))
    }
}

extension ResourceSlices {
    /// As `map`, but each thread takes jobs one at a time from a shared counter, with its
    /// own copy of `state` (a lane): no thread waits at the end for another's slice when the
    /// machine is busy, and a lane's memos serve more jobs. A job's result must not depend
    /// on which jobs its lane ran before (the per-resource pass hands over its results after
    /// every resource; its memos hold pure results). Fewer jobs than `minimumParallelJobs`
    /// run in order on the caller's thread, as in `map`.
    func lanes<State: Sendable, Result: Sendable>(_ count: Int, state: State, shouldStop: (@Sendable () -> Bool)?,
                                                   finished: inout Int,
                                                   _ body: @Sendable (inout State, Int) -> Result) -> [Result]? {
        guard threads > 1, count >= minimumParallelJobs else {
            return map(count, state: state, shouldStop: shouldStop, finished: &finished, body)
        }
        let (_, results) = overlapping({ () }, jobs: count, state: { state }, shouldStop: shouldStop, body)
        let done = results.lazy.filter { $0 != nil }.count
        finished = done
        guard done == count else { return nil }
        return results.map { $0! }
    }

    /// `first()` on one thread while the jobs run on the others, that thread joining them
    /// when `first` is done: work that does not need `first`'s result fills the time one
    /// thread would otherwise spend alone on it. Jobs are taken in order from a shared
    /// counter, each lane with a state of its own (`state()`); results come back in job
    /// order, nil for jobs not run because `shouldStop` said so (asked before each job).
    /// `onlyWhileFirst`: no job starts once `first` is done (nil for the rest: the caller
    /// does them later, when it needs them, instead of holding every result at once).
    func overlapping<First, State, Result>(
        _ first: () -> First, jobs count: Int, state: () -> State, shouldStop: (@Sendable () -> Bool)?,
        onlyWhileFirst: Bool = false, _ body: (inout State, Int) -> Result
    ) -> (First, [Result?]) {
        var firstResult: First?
        var slots = [Result?](repeating: nil, count: count)
        let counter = JobCounter()
        let stop = StopSignal()
        let firstDone = StopSignal()
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(state) { state in
                withoutActuallyEscaping(body) { body in
                    slots.withUnsafeMutableBufferPointer { slots in
                        withUnsafeMutablePointer(to: &firstResult) { firstResult in
                            // The lanes write disjoint slots and `firstResult` once; the
                            // caller reads them after `concurrentPerform` returns.
                            nonisolated(unsafe) let lanes = (first, state, body, slots, firstResult)
                            DispatchQueue.concurrentPerform(iterations: max(2, threads)) { lane in
                                let (first, state, body, slots, firstResult) = lanes
                                if lane == 0 {
                                    firstResult.pointee = first()
                                    if onlyWhileFirst { return firstDone.raise() }
                                }
                                var own = state()
                                while let job = counter.take(below: count) {
                                    if stop.isRaised || firstDone.isRaised { return }
                                    if shouldStop?() == true { stop.raise(); return }
                                    slots[job] = body(&own, job)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (firstResult!, slots)
    }
}

/// Hands out job numbers 0, 1, 2, … to the threads that ask.
private final class JobCounter: @unchecked Sendable {
    private let lock = Lock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
