/// Suggests the closest known name for a misspelt one.
public enum DidYouMean {
    /// The candidate within edit distance `maxDistance` of `name` (and closer than the
    /// name's own length), the nearest first, ties broken alphabetically; nil when none is
    /// close. With `ignoringCase`, letters are compared case-folded (`deployment` finds
    /// `Deployment`). The one ranker for every did-you-mean of the project.
    public static func closest(to name: String, among candidates: some Sequence<String>,
                               maxDistance: Int = 2, ignoringCase: Bool = false) -> String? {
        let fold: (String) -> [Unicode.Scalar] = { Array((ignoringCase ? $0.lowercased() : $0).unicodeScalars) }
        let target = fold(name)
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != name {
            let d = editDistance(target, fold(candidate), limit: maxDistance)
            guard d <= maxDistance, d < target.count else { continue }
            if let current = best, d > current.distance || (d == current.distance && candidate >= current.name) {
                continue
            }
            best = (d, candidate)
        }
        return best?.name
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of
    /// adjacent characters (optimal string alignment); gives up (returning `limit + 1`)
    /// once the result must exceed `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, beforePrevious[j - 2] + 1)
                }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
