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

    @Test func anEditInsideAnItemReparsesOnlyThatItem() {
        let text = Self.text
        Self.check(text, Self.edit(text, "schema.spec.name", "schema.spec.nam"), incremental: true)
        Self.check(text, Self.edit(text, "ports: [1, 2]", "ports: [1, 2, 3]"), incremental: true)
        Self.check(text, Self.edit(text, "keep me", "keep me\n        and me"), incremental: true)
        Self.check(text, Self.edit(text, "# between items", "# between the items"), incremental: true)
        // The last item reaches the end of its document.
        Self.check(text, Self.edit(text, "name: x", "name: xyz\n      more: 1"), incremental: true)
        // A new key in the item, and non-ASCII text before the edit.
        Self.check(text, Self.edit(text, "id: sécond\n", "id: sécond\n    readyWhen: []\n"), incremental: true)
    }

    @Test func crlfLinesSpliceToo() {
        let text = Self.text.replacingOccurrences(of: "\n", with: "\r\n")
        Self.check(text, Self.edit(text, "ports: [1, 2]", "ports: [1]"), incremental: true)
    }

    @Test func structuralEditsFallBackToAFullParse() {
        let text = Self.text
        // A line leaving the item (less indented), a new item, a document boundary, an
        // edit of the `- ` itself, an anchor, an error, an edit outside every item.
        Self.check(text, Self.edit(text, "    template:\n      ports", "  extra: 1\n    template:\n      ports"), incremental: false)
        Self.check(text, Self.edit(text, "  - id: third", "  - id: new\n  - id: third"), incremental: false)
        Self.check(text, Self.edit(text, "      name: x", "---\n      name: x"), incremental: false)
        Self.check(text, Self.edit(text, "  - id: third", "    id: third"), incremental: false)
        Self.check(text, Self.edit(text, "ports: [1, 2]", "ports: &p [1, 2]"), incremental: false)
        Self.check(text, Self.edit(text, "ports: [1, 2]", "ports: [1, 2"), incremental: false)
        Self.check(text, Self.edit(text, "kind: ResourceGraphDefinition", "kind: RGD"), incremental: false)
        Self.check(text, Self.edit(text, "other: document", "other: documents"), incremental: false)
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
