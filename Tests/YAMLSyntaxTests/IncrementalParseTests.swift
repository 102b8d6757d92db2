import Testing
@testable import YAMLSyntax

/// `YAMLParser.reparse`: an edit inside one block-sequence item re-parses that item only,
/// and the result always equals a full parse.
@Suite struct IncrementalParseTests {
    static let text = """
        # a comment
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        spec:
          resources:
          - id: first
            template:
              name: "${schema.spec.name}"
          # between items
          - id: sécond
            template:
              ports: [1, 2]
              text: |
                keep me
          - id: third
            template:
              name: x
        ---
        other: document
        """

    /// Applies `replacement` at the first occurrence of `marker`.
    static func edit(_ text: String, _ marker: String, _ replacement: String) -> String {
        let range = text.range(of: marker)!
        return text.replacingCharacters(in: range, with: replacement)
    }

    static func check(_ before: String, _ after: String, incremental: Bool,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let previous = YAMLParser.parse(SourceText(before))
        let source = SourceText(after)
        let spliced = YAMLParser.incrementalParse(source, previous: previous, limits: .default)
        #expect((spliced != nil) == incremental, sourceLocation: sourceLocation)
        let full = YAMLParser.parse(source)
        let reparsed = YAMLParser.reparse(source, previous: previous)
        #expect(reparsed.documents == full.documents, sourceLocation: sourceLocation)
        #expect(reparsed.errors == full.errors, sourceLocation: sourceLocation)
        if let spliced { #expect(spliced.documents == full.documents, sourceLocation: sourceLocation) }
    }

    /// Edits (marker → replacement) inside one item: the last item reaches the end of its
    /// document; a new key, after non-ASCII text; a comment between items.
    static let insideOneItem = [
        ("schema.spec.name", "schema.spec.nam"), ("ports: [1, 2]", "ports: [1, 2, 3]"),
        ("keep me", "keep me\n        and me"), ("# between items", "# between the items"),
        ("name: x", "name: xyz\n      more: 1"), ("id: sécond\n", "id: sécond\n    readyWhen: []\n"),
    ]

    /// A line leaving the item (less indented), a new item, a document boundary, the
    /// item's `- ` removed, an anchor, an error, edits outside every item.
    static let structural = [
        ("    template:\n      ports", "  extra: 1\n    template:\n      ports"),
        ("  - id: third", "  - id: new\n  - id: third"), ("      name: x", "---\n      name: x"),
        ("  - id: third", "    id: third"), ("ports: [1, 2]", "ports: &p [1, 2]"), ("ports: [1, 2]", "ports: [1, 2"),
        ("kind: ResourceGraphDefinition", "kind: RGD"), ("other: document", "other: documents"),
    ]

    /// An item ending with an empty value (`key:` and nothing): libyaml puts the empty
    /// scalar at the next token, the next item's `-`, not where the item's lines end.
    @Test func anItemEndingWithAnEmptyValueSplicesWhereTheFullParsePutsIt() {
        let text = "spec:\n  resources:\n  - id: first\n    template:\n      empty:\n\n  - id: second\n    last:\n"
        Self.check(text, Self.edit(text, "id: first", "id: firsts"), incremental: true)
        Self.check(text, Self.edit(text, "empty:", "empty:\n      nested:"), incremental: true)
        Self.check(text, Self.edit(text, "id: second", "id: seconds"), incremental: true)
        let indented = "spec:\n  resources:\n    - id: a\n      ? v\n    - id: b\n"
        Self.check(indented, Self.edit(indented, "id: a", "id: ab"), incremental: true)
    }

    @Test(arguments: insideOneItem) func anEditInsideAnItemReparsesOnlyThatItem(marker: String, replacement: String) {
        Self.check(Self.text, Self.edit(Self.text, marker, replacement), incremental: true)
    }

    @Test func crlfLinesSpliceToo() {
        let text = Self.text.replacingOccurrences(of: "\n", with: "\r\n")
        Self.check(text, Self.edit(text, "ports: [1, 2]", "ports: [1]"), incremental: true)
    }

    @Test(arguments: structural) func structuralEditsFallBackToAFullParse(marker: String, replacement: String) {
        Self.check(Self.text, Self.edit(Self.text, marker, replacement), incremental: false)
    }

    /// An alias holds a copy of its anchored node: an edit inside an item whose list (or a
    /// mapping around it) is anchored must reach the copy too, so it takes a full parse.
    @Test func anAnchoredAncestorFallsBackToAFullParse() {
        for (before, after) in [("a: &x\n  - one\n  - two\nb: *x\n", "a: &x\n  - ONE\n  - two\nb: *x\n"),
                                ("a: &x\n  l:\n  - one\nb: *x\n", "a: &x\n  l:\n  - ONE\nb: *x\n")] {
            Self.check(before, after, incremental: false)
        }
    }

    @Test func equalTextsKeepTheTree() {
        let previous = YAMLParser.parse(SourceText(Self.text))
        let again = YAMLParser.reparse(SourceText(Self.text), previous: previous)
        #expect(again.documents == previous.documents)
    }

    @Test func theDepthLimitCountsTheEnclosingCollections() {
        // Nesting that fits the limit alone but not under `spec.resources`.
        let limits = YAMLLimits(maxDepth: 6)
        let before = "spec:\n  resources:\n  - a: 1\n"
        let after = "spec:\n  resources:\n  - a: {b: {c: {d: 1}}}\n"
        let previous = YAMLParser.parse(SourceText(before), limits: limits)
        let reparsed = YAMLParser.reparse(SourceText(after), previous: previous, limits: limits)
        let full = YAMLParser.parse(SourceText(after), limits: limits)
        #expect(!full.errors.isEmpty)
        #expect(reparsed.errors == full.errors)
        #expect(reparsed.documents == full.documents)
    }
}
