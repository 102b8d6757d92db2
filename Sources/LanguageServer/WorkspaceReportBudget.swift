/// How many bytes of diagnostics one `workspace/diagnostic` answer holds, at most: the
/// documents past it are left out (the client keeps what it had for them, and pulls an
/// open document's own report). 2,000 open documents of 1,000 findings each made an answer
/// of 670 MB. The first document is always admitted, and an unchanged report costs nothing.
struct WorkspaceReportBudget {
    var maxBytes = 32 << 20
    private(set) var used = 0
    private(set) var leftOut = 0

    /// Whether a report of `bytes` of diagnostics goes into the answer (counted if so).
    mutating func admits(_ bytes: Int) -> Bool {
        guard used == 0 || used + bytes <= maxBytes else {
            leftOut += 1
            return false
        }
        used += bytes
        return true
    }
}
