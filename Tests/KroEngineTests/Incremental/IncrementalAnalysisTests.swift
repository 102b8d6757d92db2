import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// The analysis cache: what is reused after an edit, what is not, and stopping early.
@Suite struct IncrementalAnalysisTests {
    /// Three ConfigMaps, the second reading the first.
    static let text = rgd("""
          resources:
          - id: a
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: ${schema.spec.name}
          - id: b
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: ${a.metadata.name}-b
          - id: c
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: c
        """)

    static func analyze(_ text: String, cache: AnalysisCache, options: AnalysisOptions = .bundled) -> DocumentSnapshot {
        DocumentSnapshot.analyze(SourceText(text), options: options, cache: cache)
    }

    @Test func anEditInsideOneResourceAnalysesOnlyThatOne() throws {
        let cache = AnalysisCache()
        _ = Self.analyze(Self.text, cache: cache)
        #expect(cache.statistics == (reused: 0, computed: 3))
        let edited = Self.text.replacingOccurrences(of: "${a.metadata.name}-b", with: "${a.metadata.nam}-b")
        let snapshot = Self.analyze(edited, cache: cache)
        #expect(cache.statistics == (reused: 2, computed: 1))
        #expect(snapshot.diagnostics.map(\.code) == ["KRO333"])
        #expect(snapshot.diagnostics == DocumentSnapshot.analyze(SourceText(edited), options: .bundled).diagnostics)
    }

    /// The cache keeps no copy of the items' text: its entries' ranges are in the analysed
    /// text, whose bytes it shares with the snapshot (a 50 MB file was held twice).
    @Test func theCacheSharesTheAnalysedTextsBytes() throws {
        let cache = AnalysisCache()
        let first = Self.analyze(Self.text, cache: cache)
        func address(_ source: SourceText?) -> UnsafePointer<UInt8>? { source?.bytes.withUnsafeBufferPointer { $0.baseAddress } }
        let entry = try #require(cache.entries[0])
        #expect(address(entry.source) == address(first.source))
        // After an edit, every entry (reused or computed) is in the new text.
        let edited = Self.text.replacingOccurrences(of: "${a.metadata.name}-b", with: "${a.metadata.name}-bb")
        let second = Self.analyze(edited, cache: cache)
        let after = try #require(cache.entries[0])
        #expect(address(after.source) == address(second.source))
        for resource in after.resources.compactMap({ $0 }) {
            #expect(second.source.string(in: TextRange(start: resource.start, end: resource.end)).hasPrefix("id:"))
        }
    }

    @Test func resourcesAfterAnInsertionAreMovedNotAnalysedAgain() throws {
        let cache = AnalysisCache()
        let broken = Self.text.replacingOccurrences(of: "name: c", with: "name: ${a.metadata.nope}")
        _ = Self.analyze(broken, cache: cache)
        // Ten bytes more in the first resource: the third one's error moves with its text.
        let longer = broken.replacingOccurrences(of: "${schema.spec.name}", with: "${schema.spec.name + 'é-long'}")
        let snapshot = Self.analyze(longer, cache: cache)
        #expect(cache.statistics == (reused: 2, computed: 1))
        let fresh = DocumentSnapshot.analyze(SourceText(longer), options: .bundled)
        #expect(snapshot.diagnostics == fresh.diagnostics)
        let error = try #require(snapshot.diagnostics.first { $0.code == "KRO333" })
        #expect(snapshot.source.string(in: error.range).contains("nope"))
    }

    /// A finding in an expression that reads a resource typed from the CRD catalog points
    /// at that resource's kind. After an edit that moves the kinds but keeps the typing
    /// environment, the kept notes are checked against the new positions (through one map
    /// when there are many): a re-analysed reader points where a fresh analysis says.
    @Test(arguments: [3, 20])
    func catalogNotesFollowTheirKinds(buckets: Int) throws {
        var resources = "  resources:\n"
        for i in 0..<buckets {
            resources += """
              - id: b\(i)
                template:
                  apiVersion: s3.services.k8s.aws/v1alpha1
                  kind: Bucket
                  metadata:
                    name: b\(i)

            """
        }
        resources += """
          - id: reader
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: reader
              data:
                x: ${b\(buckets - 1).spec.nope}
        """
        let text = rgd(resources)
        let cache = AnalysisCache()
        let options = AnalysisOptions(schemaStore: bundledSchemaStore.with(catalog: BundledCatalog.load()))
        let first = Self.analyze(text, cache: cache, options: options)
        let note = try #require(first.diagnostics.compactMap { $0.related.first }.first)
        #expect(first.source.string(in: note.range) == "Bucket")
        // b0 grows (every kind after it moves) and the reader changes (it is analysed again).
        let moved = text.replacingOccurrences(of: "name: b0\n", with: "name: b0-é-longer\n")
            .replacingOccurrences(of: "x: ${", with: "z: ${")
        let snapshot = Self.analyze(moved, cache: cache, options: options)
        let fresh = DocumentSnapshot.analyze(SourceText(moved), options: options)
        #expect(snapshot.diagnostics == fresh.diagnostics)
        let after = try #require(snapshot.diagnostics.compactMap { $0.related.first }.first)
        #expect(after.range.start > note.range.start)
        #expect(snapshot.source.string(in: after.range) == "Bucket")
    }

    @Test func itemsThatDidNotChangeOrMoveAreNotReadAgain() {
        let cache = AnalysisCache()
        _ = Self.analyze(Self.text, cache: cache)
        #expect(cache.admissionsReused == 0)
        // Same length: the other two items are where they were.
        let same = Self.text.replacingOccurrences(of: "${a.metadata.name}-b", with: "${a.metadata.namx}-b")
        let snapshot = Self.analyze(same, cache: cache)
        #expect(cache.admissionsReused == 2)
        #expect(snapshot.diagnostics == DocumentSnapshot.analyze(SourceText(same), options: .bundled).diagnostics)
        // Longer: the item after the edit moved and is read again.
        let longer = same.replacingOccurrences(of: "${a.metadata.namx}-b", with: "${a.metadata.name}-bb")
        _ = Self.analyze(longer, cache: cache)
        #expect(cache.admissionsReused == 1)
    }

    @Test func anItemWhoseFixProposesAnIdIsReadAgain() throws {
        // The proposed id must not be one another item takes: that read looks at every item.
        let text = Self.text.replacingOccurrences(of: "  - id: c\n    template:\n", with: "  - template:\n")
        let cache = AnalysisCache()
        let first = Self.analyze(text, cache: cache)
        let missing = try #require(first.diagnostics.first { $0.code == "KRO010" })
        #expect(missing.fixes.first?.title == "Add id: configMap")
        // Another item is renamed to the id the fix proposed: the fix proposes another.
        let renamed = text.replacingOccurrences(of: "- id: a", with: "- id: configMap")
            .replacingOccurrences(of: "${a.metadata.name}", with: "${configMap.metadata.name}")
        let snapshot = Self.analyze(renamed, cache: cache)
        let fresh = DocumentSnapshot.analyze(SourceText(renamed), options: .bundled)
        #expect(snapshot.diagnostics == fresh.diagnostics)
        #expect(snapshot.diagnostics.first { $0.code == "KRO010" }?.fixes.first?.title == "Add id: configMap2")
    }

    @Test func aChangedIdAnalysesEveryResourceAgain() {
        // Ids are part of every resource's environment (what a reference may name).
        let cache = AnalysisCache()
        _ = Self.analyze(Self.text, cache: cache)
        let renamed = Self.text.replacingOccurrences(of: "- id: c", with: "- id: d")
        let snapshot = Self.analyze(renamed, cache: cache)
        #expect(cache.statistics == (reused: 0, computed: 3))
        #expect(snapshot.diagnostics == DocumentSnapshot.analyze(SourceText(renamed), options: .bundled).diagnostics)
    }

    @Test func changedOptionsDropTheCache() {
        let cache = AnalysisCache()
        _ = Self.analyze(Self.text, cache: cache)
        var options = AnalysisOptions.bundled
        options.omitFunctionEnabled = true
        _ = Self.analyze(Self.text, cache: cache, options: options)
        #expect(cache.statistics == (reused: 0, computed: 3))
        _ = Self.analyze(Self.text, cache: cache, options: options)
        #expect(cache.statistics == (reused: 3, computed: 0))
    }

    @Test func shouldStopEndsTheAnalysisBetweenResources() {
        let cache = AnalysisCache()
        let asked = Counter()
        var options = AnalysisOptions.bundled
        options.shouldStop = { asked.increment() > 1 }
        let snapshot = Self.analyze(Self.text, cache: cache, options: options)
        // Asked before each resource: the first is analysed, then it stops.
        #expect(asked.value == 2)
        #expect(cache.statistics.computed == 1)
        #expect(snapshot.rgds.isEmpty)
    }

    /// The cache finds unchanged items from how the text changed since the last parse; a
    /// run that stopped parsed a text but kept no results from it, so the next run must not
    /// read the change since that text as the change since its results.
    @Test func aStoppedRunLeavesNoChangeToMisread() {
        let cache = AnalysisCache()
        let broken = Self.text.replacingOccurrences(of: "${schema.spec.name}", with: "${schema.spec.namx}")
        #expect(Self.analyze(broken, cache: cache).diagnostics.map(\.code) == ["KRO333"])
        // Same length, inside the first item: parsed, then stopped before its one resource.
        var stopping = AnalysisOptions.bundled
        stopping.shouldStop = { true }
        #expect(Self.analyze(Self.text, cache: cache, options: stopping).rgds.isEmpty)
        // An edit in the third item: the first item's text differs from what its cached
        // result was computed from, although the last change did not touch it.
        let edited = Self.text.replacingOccurrences(of: "name: c", with: "name: d")
        let snapshot = Self.analyze(edited, cache: cache)
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.diagnostics == DocumentSnapshot.analyze(SourceText(edited), options: .bundled).diagnostics)
        #expect(cache.statistics == (reused: 1, computed: 2))
    }

    /// What is kept per environment (ids, scopes) follows an id change.
    @Test func idsKeptWithTheEnvironmentFollowAnIdChange() {
        let cache = AnalysisCache()
        _ = Self.analyze(Self.text, cache: cache)
        for renamed in [Self.text.replacingOccurrences(of: "- id: a", with: "- id: x"),
                        Self.text.replacingOccurrences(of: "- id: c", with: "- id: a"), Self.text] {
            let snapshot = Self.analyze(renamed, cache: cache)
            #expect(snapshot.diagnostics == DocumentSnapshot.analyze(SourceText(renamed), options: .bundled).diagnostics)
        }
    }

    /// The instance schema is kept while `spec.schema` keeps its text and place: a schema
    /// edit builds it again, and so does an edit that moves it (its findings move).
    @Test func theKeptInstanceSchemaFollowsSchemaEditsAndMoves() throws {
        let cache = AnalysisCache()
        let text = Self.text.replacingOccurrences(of: "name: string", with: "name: strin")
        let first = Self.analyze(text, cache: cache)
        let finding = try #require(first.diagnostics.first)
        #expect(first.source.string(in: finding.range).contains("strin"))
        for edited in [text.replacingOccurrences(of: "name: demo", with: "name: a-longer-demo"),
                       text.replacingOccurrences(of: "name: demo", with: "name: x"),
                       text.replacingOccurrences(of: "name: x", with: "name: demo"),
                       text.replacingOccurrences(of: "name: strin", with: "name: string"), text] {
            let snapshot = Self.analyze(edited, cache: cache)
            let fresh = DocumentSnapshot.analyze(SourceText(edited), options: .bundled)
            #expect(snapshot.diagnostics == fresh.diagnostics)
            #expect(snapshot.rgds.first?.analysis.instanceSchema.schema == fresh.rgds.first?.analysis.instanceSchema.schema)
        }
    }

    /// After an insertion before a cycle, the kept graph's edges move with their text
    /// (the cycle's related locations point at the referenced ids).
    @Test func aKeptGraphsEdgesMoveWithTheirText() throws {
        let cycle = Self.text.replacingOccurrences(of: "${schema.spec.name}", with: "${b.metadata.name}")
        let cache = AnalysisCache()
        _ = Self.analyze(cycle, cache: cache)
        let longer = cycle.replacingOccurrences(of: "name: demo", with: "name: a-longer-demo")
        let snapshot = Self.analyze(longer, cache: cache)
        let fresh = DocumentSnapshot.analyze(SourceText(longer), options: .bundled)
        #expect(snapshot.diagnostics == fresh.diagnostics)
        let related = try #require(snapshot.diagnostics.first { $0.code == "KRO319" }?.related.first)
        #expect(["a", "b"].contains(snapshot.source.string(in: related.range)))
        #expect(snapshot.rgds.first?.analysis.graph.edges == fresh.rgds.first?.analysis.graph.edges)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() -> Int { lock.withLock { count += 1; return count } }
        var value: Int { lock.withLock { count } }
    }
}
