/// CRD files and folders, asked whether a changed file is one of them or inside one. A
/// lookup hashes the file's path and each folder above it, so a notification of many
/// changed files against many CRD paths costs their sum, not their product (10,000 changes
/// against 10,000 paths ran for minutes, a prefix test per pair).
struct CRDPathSet {
    private let entries: Set<Substring>
    private let coversAll: Bool

    init(_ paths: some Sequence<String>) {
        var entries = Set<Substring>()
        var coversAll = false
        for path in paths {
            // `a/` names the folder `a`; `/` (and an empty path) every absolute path.
            var trimmed = Substring(path)
            while trimmed.last == "/" { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty { coversAll = true } else { entries.insert(trimmed) }
        }
        (self.entries, self.coversAll) = (entries, coversAll)
    }

    /// True when `path` is one of the paths or lies in one of the folders.
    func contains(_ path: String) -> Bool {
        if coversAll, path.hasPrefix("/") { return true }
        var candidate = Substring(path)
        while true {
            if entries.contains(candidate) { return true }
            guard let slash = candidate.lastIndex(of: "/") else { return false }
            candidate = candidate[..<slash]
            if candidate.isEmpty { return false }
        }
    }
}
