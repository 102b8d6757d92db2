import Testing
@testable import KroEngine

/// Files without a `# kro-lsp:` comment skip the directive search (it walks every scalar);
/// the prefilter must not miss one that the search would find.
@Suite struct SuppressionPrefilterTests {
    @Test(arguments: [
        ("a: 1 # kro-lsp: ignore KRO334\n", true),
        ("a: 1 #kro-lsp: ignore KRO334\n", true),
        ("a: 1 #  \t kro-lsp: ignore-file KRO905\n", true),
        ("# one\n# two # kro-lsp: ignore X\n", true),
        ("a: 1 # kro-lsp ignore\n", false),
        ("a: 1 # a comment\nb: '#'\n", false),
        ("a: kro-lsp: x\n", false),
        ("#", false),
        ("", false),
        ("a: 1 # kro-lsp:", true),
    ])
    func findsEveryCandidate(_ text: String, _ expected: Bool) {
        #expect(Suppressions.mayHoldDirective(Array(text.utf8)) == expected)
    }
}
