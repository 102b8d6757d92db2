import YAMLSyntax

/// The ranges of error diagnostics, sorted so "is any of them inside this range" is a
/// binary search instead of a scan per expression.
struct FlaggedRanges {
    private let ranges: [TextRange]

    init(_ ranges: [TextRange]) {
        self.ranges = ranges.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// True when some flagged range lies within `outer`.
    func anyWithin(_ outer: TextRange) -> Bool {
        var (low, high) = (0, ranges.count)
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].start < outer.start { low = mid + 1 } else { high = mid }
        }
        var i = low
        while i < ranges.count, ranges[i].start <= outer.end {
            if ranges[i].end <= outer.end { return true }
            i += 1
        }
        return false
    }
}
