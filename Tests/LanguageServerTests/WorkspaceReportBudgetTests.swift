import Testing
@testable import LanguageServer

/// A workspace diagnostics answer holds reports up to its budget; past it documents are
/// left out and counted, unchanged reports (no bytes) always go in.
@Suite struct WorkspaceReportBudgetTests {
    @Test func reportsPastTheBudgetAreLeftOut() {
        var budget = WorkspaceReportBudget(maxBytes: 100)
        let admitted = [60, 40, 1, 0, 50].map { budget.admits($0) }
        #expect(admitted == [true, true, false, true, false])
        #expect(budget.used == 100 && budget.leftOut == 2)
    }

    @Test func theFirstReportGoesInWhateverItsSize() {
        var budget = WorkspaceReportBudget(maxBytes: 10)
        let admitted = [1_000, 1].map { budget.admits($0) }
        #expect(admitted == [true, false])
        #expect(budget.leftOut == 1)
    }
}
