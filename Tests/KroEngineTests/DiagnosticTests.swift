import Testing
import KroEngine

@Test func severitiesOrderFromMostSevere() {
    #expect(DiagnosticSeverity.error < .warning)
    #expect(DiagnosticSeverity.information < .hint)
}
