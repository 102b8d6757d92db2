/// Suggests the closest known name for a misspelt one.
public enum DidYouMean {
    /// Names longer than this (in Unicode scalars) get no suggestion: a typo that long is
    /// rare, and each comparison costs its length.
    static let maxNameLength = 64
    /// Cells of the distance tables one search may need, at most: over it, the search
    /// suggests nothing. Thousands of unknown names, each near thousands of candidates,
    /// made a 2 MB file take minutes. A search among 300 names of ten characters, each
    /// within 2 of the name's length, needs 15,000.
    static let maxCells = 1 << 16
    /// Candidates one search reads, at most: among more, it suggests nothing. Each search
    /// reads every candidate's length, and a CRD object of a million properties took 0.8 s
    /// per unknown field.
    public static let maxCandidates = 10_000

    /// The candidate within edit distance `maxDistance` of `name` (and closer than the
    /// name's own length), the nearest first, ties broken alphabetically; nil when none is
    /// close, or when the candidates of a length that could be close are so many that
    /// comparing them could take more than `maxCells`, or when there are more than
    /// `maxCandidates` candidates (decided before comparing any, so the answer does not
    /// depend on their order). With `ignoringCase`, letters are
    /// compared case-folded (`deployment` finds `Deployment`). The one ranker for every
    /// did-you-mean of the project.
    public static func closest(to name: String, among candidates: some Sequence<String>,
                               maxDistance: Int = 2, ignoringCase: Bool = false) -> String? {
        var target: [UInt32] = []
        fold(name, ignoringCase: ignoringCase, into: &target)
        var limit = min(maxDistance, target.count - 1)
        guard limit >= 0, target.count <= maxNameLength else { return nil }
        // A comparison computes at most a band of `2 × limit + 1` cells in each of the
        // name's rows. A scalar is 1 to 4 UTF-8 bytes, and case folding only adds scalars:
        // the lengths that could be close are told from the byte count alone.
        let cellsEach = target.count * (2 * limit + 1)
        var near: [String] = []
        var read = 0
        for option in candidates where option != name {
            read += 1
            if read > maxCandidates { return nil }
            let bytes = option.utf8.count
            guard bytes >= target.count - limit, (bytes + 3) / 4 <= target.count + limit else { continue }
            near.append(option)
            if near.count * cellsEach > maxCells { return nil }
        }
        var best: String?
        var table = DistanceTable()
        var candidate: [UInt32] = []
        for option in near {
            fold(option, ignoringCase: ignoringCase, into: &candidate)
            let d = table.distance(target, candidate, limit: limit)
            guard d <= limit else { continue }
            // Only as close as the best so far can still win, ties going to the first by name.
            if d == limit, let current = best, option >= current { continue }
            best = option
            limit = d
        }
        return best
    }

    /// `text`'s scalars, case-folded with `ignoringCase`, in place of what `buffer` held.
    private static func fold(_ text: String, ignoringCase: Bool, into buffer: inout [UInt32]) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: (ignoringCase ? text.lowercased() : text).unicodeScalars.lazy.map(\.value))
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of adjacent
    /// characters (optimal string alignment), for tests: `limit + 1` once the result must
    /// exceed `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        var table = DistanceTable()
        return table.distance(a.map(\.value), b.map(\.value), limit: limit)
    }
}

/// The rows of an optimal-string-alignment distance table, reused from one candidate to
/// the next. Only the band of cells within `limit` of the diagonal can hold a distance
/// within `limit`: a comparison costs the length times `2 × limit + 1`, not the product
/// of the lengths.
struct DistanceTable {
    private var rows: [Int] = []

    /// The distance of `a` and `b`, `limit + 1` when over `limit`.
    mutating func distance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
        let n = a.count, m = b.count, far = limit + 1
        if abs(n - m) > limit { return far }
        if n == 0 || m == 0 { return min(max(n, m), far) }
        let width = m + 1
        if rows.count < 3 * width { rows = Array(repeating: 0, count: 3 * width) }
        return rows.withUnsafeMutableBufferPointer { rows -> Int in
            // Three rows in turn: the one before the previous (for swaps), the previous, this one.
            var older = 0, previous = width, current = 2 * width
            for j in 0...min(m, limit) { rows[previous + j] = j }
            if limit + 1 <= m { rows[previous + limit + 1] = far }
            for i in 1...n {
                let low = max(1, i - limit), high = min(m, i + limit)
                // What lies left of the band reads as too far (or the first column).
                rows[current + low - 1] = low == 1 ? i : far
                var rowMin = far
                let ai = a[i - 1]
                for j in low...high {
                    let cost = ai == b[j - 1] ? 0 : 1
                    var d = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] {
                        d = min(d, rows[older + j - 2] + 1)
                    }
                    d = min(d, far)
                    rows[current + j] = d
                    rowMin = min(rowMin, d)
                }
                // What lies right of the band reads as too far in the next row.
                if high + 1 <= m { rows[current + high + 1] = far }
                if rowMin > limit { return far }
                (older, previous, current) = (previous, current, older)
            }
            return rows[previous + m]
        }
    }
}
