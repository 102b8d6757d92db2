import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

/// The RGD most fixtures start from; `body` is spliced in under `resources:`.
func rgd(schema: String = defaultSchema, _ resources: String) -> String {
    """
    apiVersion: kro.run/v1alpha1
    kind: ResourceGraphDefinition
    metadata:
      name: web-app # café ☕
    spec:
      schema:
        apiVersion: v1alpha1
        kind: WebApp
    \(schema)
      resources:
    \(resources)
    """
}

let defaultSchema = """
    spec:
      name: string | required=true description="The app's name"
      replicas: integer | default=3 minimum=1
      image: string | default="nginx"
      ports: "[]Port"
      labels: map[string]string
    types:
      Port:
        number: integer | required=true
        protocol: string | default=TCP
"""

func snapshot(_ m: MarkedText) -> DocumentSnapshot { DocumentSnapshot.analyze(m.source, options: .bundled) }

/// Completion at `$0`: every label of `contains` is offered, none of `excludes`.
@discardableResult
func checkCompletion(_ text: String, contains: [String], excludes: [String] = [], store: SchemaStore? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) -> [CompletionItem] {
    let m = MarkedText(text)
    let items = Completion.items(snapshot(m), at: m.position, store: store)
    let labels = Set(items.map(\.label))
    for label in contains { #expect(labels.contains(label), "missing \(label) in \(labels.sorted())", sourceLocation: sourceLocation) }
    for label in excludes { #expect(!labels.contains(label), "unexpected \(label)", sourceLocation: sourceLocation) }
    if let expected = m.ranges.first {
        for item in items { #expect(item.range == expected, "\(item.label) replaces \(item.range)", sourceLocation: sourceLocation) }
    }
    return items
}

/// Hover at `$0`: the text holds every string of `contains`; its range is `«…»` when marked.
@discardableResult
func checkHover(_ text: String, contains: [String], sourceLocation: SourceLocation = #_sourceLocation) -> HoverInfo? {
    let m = MarkedText(text)
    let info = Hover.info(snapshot(m), at: m.position)
    #expect(info != nil, "no hover", sourceLocation: sourceLocation)
    for s in contains { #expect(info?.markdown.contains(s) == true, "missing \(s) in \(info?.markdown ?? "")", sourceLocation: sourceLocation) }
    if let expected = m.ranges.first { #expect(info?.range == expected, sourceLocation: sourceLocation) }
    return info
}

/// Definition at `$0` is the one `«…»` range.
func checkDefinition(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let m = MarkedText(text)
    #expect(Navigation.definition(snapshot(m), at: m.position) == m.ranges, sourceLocation: sourceLocation)
}

/// References at `$0` (declaration included) are exactly the `«…»` ranges.
func checkReferences(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let m = MarkedText(text)
    let found = Navigation.references(snapshot(m), at: m.position, includeDeclaration: true).sorted { $0.start < $1.start }
    #expect(found == m.ranges, sourceLocation: sourceLocation)
}

/// Renaming at `$0` to `newName` turns the text into `expected` (markers ignored).
func checkRename(_ text: String, to newName: String, expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let m = MarkedText(text)
    switch Rename.edits(snapshot(m), at: m.position, newName: newName) {
    case .success(let edits):
        var bytes = Array(m.text.utf8)
        for e in edits.sorted(by: { $0.range.start > $1.range.start }) {
            bytes.replaceSubrange(e.range.start..<e.range.end, with: e.newText.utf8)
        }
        #expect(String(decoding: bytes, as: UTF8.self) == MarkedText(expected).text, sourceLocation: sourceLocation)
    case .failure(let refusal):
        Issue.record("rename refused: \(refusal)", sourceLocation: sourceLocation)
    }
}

/// Renaming at `$0` to `newName` is refused.
func checkRenameRefused(_ text: String, to newName: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let m = MarkedText(text)
    if case .success = Rename.edits(snapshot(m), at: m.position, newName: newName) {
        Issue.record("rename to \(newName) accepted", sourceLocation: sourceLocation)
    }
}
