import Foundation
import KroEngine
@testable import KroIDE
import KroTestSupport
import Testing

/// A completion answers at most `CompletionLimit.maxItems` items, marked incomplete when
/// more matched: those starting with the word typed first, then by name. Under the limit
/// the answer is whole and complete.
@Suite struct CompletionLimitTests {
    static let fieldCount = 3_000

    /// An RGD whose `spec` has `fieldCount` fields `f0…`, with the cursor where `cursor` says.
    static func wideSchema(_ cursor: String) -> MarkedText {
        let fields = (0..<fieldCount).map { "      f\($0): string\n" }.joined()
        return MarkedText(CompletionTests().template(cursor, schema: "    spec:\n" + fields))
    }

    @Test func fieldsPastTheLimitAreCutToThoseTypedFirst() {
        let m = Self.wideSchema("${schema.spec.f12$0}")
        let list = Completion.list(snapshot(m), at: m.position)
        #expect(list.isIncomplete)
        #expect(list.items.count == CompletionLimit.maxItems)
        let labels = list.items.map(\.label)
        // f12, f120…f129, f1200…f1299: 111 fields start with the word, and come first.
        let typed = (0..<Self.fieldCount).map { "f\($0)" }.filter { $0.hasPrefix("f12") }.sorted()
        #expect(Array(labels.prefix(typed.count)) == typed)
        #expect(labels.dropFirst(typed.count).allSatisfy { !$0.hasPrefix("f12") })
        // Right after the dot every field matches: the first ones by name.
        let all = Self.wideSchema("${schema.spec.$0}")
        let first = Completion.list(snapshot(all), at: all.position)
        #expect(first.isIncomplete && first.items.count == CompletionLimit.maxItems)
        #expect(first.items.map(\.label) == (0..<Self.fieldCount).map { "f\($0)" }.sorted().prefix(CompletionLimit.maxItems).map { $0 })
    }

    @Test func aShortListIsWholeAndComplete() {
        let m = MarkedText(CompletionTests().template("${schema.spec.$0}"))
        let list = Completion.list(snapshot(m), at: m.position)
        #expect(!list.isIncomplete)
        #expect(list.items == Completion.items(snapshot(m), at: m.position))
        #expect(Set(list.items.map(\.label)).isSuperset(of: ["name", "replicas", "image", "ports", "labels"]))
    }

    /// Template keys of a CRD object with more properties than the limit.
    @Test func templateKeysOfAWideKindAreCutToo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-wide-crd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let properties = (0..<Self.fieldCount).map { "\"p\($0)\": {\"type\": \"string\"}" }.joined(separator: ", ")
        let crd = """
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
             "metadata": {"name": "widgets.example.com"},
             "spec": {"group": "example.com", "scope": "Namespaced",
                      "names": {"kind": "Widget", "plural": "widgets", "singular": "widget", "listKind": "WidgetList"},
                      "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema":
                        {"type": "object", "properties": {"spec": {"type": "object", "properties": {\(properties)}}}}}}]}}
            """
        try Data(crd.utf8).write(to: dir.appendingPathComponent("widget.json"))
        let (store, problems) = SchemaStore.loading(crdPaths: [dir.path], onto: bundledSchemaStore)
        #expect(problems.isEmpty)
        let m = MarkedText(rgd("""
              - id: widget
                template:
                  apiVersion: example.com/v1
                  kind: Widget
                  metadata:
                    name: w
                  spec:
                    p1: x
                    p29$0:
            """))
        let snapshot = DocumentSnapshot.analyze(m.source, options: AnalysisOptions(schemaStore: store))
        let list = Completion.list(snapshot, at: m.position, store: store)
        #expect(list.isIncomplete && list.items.count == CompletionLimit.maxItems)
        let labels = list.items.map(\.label)
        // The key being typed (`p29` before its `:`) is offered: it replaces the word.
        let typed = (0..<Self.fieldCount).map { "p\($0)" }.filter { $0.hasPrefix("p29") }.sorted()
        #expect(Array(labels.prefix(typed.count)) == typed)
        #expect(!labels.contains("p1"), "a key already written is not offered")
    }
}
