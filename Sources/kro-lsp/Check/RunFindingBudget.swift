import KroEngine

/// The findings one `--check` run lists, counted file by file in output order (by path),
/// whatever order the threads finish the files in. Each file's findings are bounded
/// (`AnalysisLimits.maxFindings`), but a run may hold thousands of files: 200 files of
/// 10,001 findings each (40 MB) peaked at 642 MB. Once the files so far hold more than
/// `limit`, the files after the one that went over list nothing: their findings are tallied
/// by severity (the summary and the exit status still count them) and dropped as they are
/// made. Which files list nothing depends only on each file's count, the first one it
/// recorded that went over; a file analysed again (RGD chaining) replaces its own count.
final class RunFindingBudget: @unchecked Sendable {
    let limit: Int
    private let lock = Lock()
    /// Output position of each input file, and the input at each position.
    private let position: [Int]
    private let input: [Int]
    private var counts: [Int?]
    /// Positions counted into `total`: those before it have all been recorded.
    private var counted = 0
    private var total = 0
    /// The position where the count went over: the files after it list nothing.
    private var last: Int?
    /// The latest tally of each file past `last`, by position.
    private var tallies: [Int: [DiagnosticSeverity: Int]] = [:]

    /// `paths`: the run's files, in input order.
    init(paths: [String], limit: Int) {
        self.limit = limit
        input = paths.indices.sorted { paths[$0] < paths[$1] }
        var position = [Int](repeating: 0, count: paths.count)
        for (rank, i) in input.enumerated() { position[i] = rank }
        self.position = position
        counts = [Int?](repeating: nil, count: paths.count)
    }

    /// Records input `i`'s findings; false when the file lists nothing (its tally is kept
    /// here, and the caller drops them).
    func keeps(_ i: Int, _ findings: [Diagnostic]) -> Bool {
        lock.withLock {
            let p = position[i]
            counts[p] = findings.count
            while last == nil, counted < counts.count, let n = counts[counted] {
                total += n
                if total > limit { last = counted }
                counted += 1
            }
            guard let last, p > last else { return true }
            tallies[p] = Self.tally(findings)
            return false
        }
    }

    /// Whether input `i` lists nothing, its findings all known: `analysis` (unless it was
    /// dropped already, and tallied) and `added` (instance admission, breaking changes)
    /// are then tallied.
    func listsNothing(_ i: Int, analysis: [Diagnostic], added: [Diagnostic]) -> Bool {
        lock.withLock {
            let p = position[i]
            guard let last, p > last else { return false }
            // Kept by the analysis: it finished before the count went over.
            tallies[p] = (tallies[p] ?? Self.tally(analysis)).merging(Self.tally(added), uniquingKeysWith: +)
            return true
        }
    }

    private static func tally(_ findings: [Diagnostic]) -> [DiagnosticSeverity: Int] {
        findings.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }
    }

    /// The findings dropped, by severity, and the input index of the first file with some.
    var dropped: (bySeverity: [DiagnosticSeverity: Int], first: Int?) {
        lock.withLock {
            let bySeverity = tallies.values.reduce(into: [DiagnosticSeverity: Int]()) { $0.merge($1, uniquingKeysWith: +) }
            let first = tallies.filter { $0.value.values.contains { $0 > 0 } }.keys.min()
            return (bySeverity, first.map { input[$0] })
        }
    }
}
