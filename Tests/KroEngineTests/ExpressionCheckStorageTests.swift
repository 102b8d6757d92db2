import CEL
import Testing
import YAMLSyntax
@testable import KroEngine

/// Checks keep the environment they were made in by reference: the many made in the RGD's
/// one environment share a single copy (inline it was 104 of a check's 136 bytes).
@Suite struct ExpressionCheckStorageTests {
    static let text = rgd("""
        status:
          name: ${a.metadata.name}
      resources:
      - id: a
        template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.name}"}}
      - id: b
        template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${a.metadata.name}-b"}}
      - id: c
        forEach:
        - item: ${['x', 'y']}
        template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${item}"}}
        readyWhen: ["${each.metadata.name != ''}"]
    """)

    /// The RGD of `text` analysed on `threads` lanes, one resource a job.
    static func analysis(_ text: String, threads: Int) throws -> RGDAnalysis {
        var options = AnalysisOptions.bundled
        options.analysisThreads = threads
        options.minimumParallelResources = 1
        return try #require(DocumentAnalyzer.analyze(SourceText(text), options: options).rgds.first)
    }

    @Test(arguments: [1, 2])
    func checksInTheSharedEnvironmentShareOneCopy(threads: Int) throws {
        let analysis = try Self.analysis(Self.text, threads: threads)
        var shared: [ObjectIdentifier] = [], own: [String] = []
        for (i, e) in analysis.expressions.enumerated() {
            let check = try #require(analysis.checks[i], "\(e.celText)")
            if e.resourceID == "c", e.kind == .template || e.kind == .readyWhen {
                own.append(e.celText)
                #expect(check.box !== analysis.checks[0]?.box)
                #expect(check.environment.variable(named: e.kind == .template ? "item" : "each") != nil, "\(e.celText)")
            } else {
                shared.append(ObjectIdentifier(check.box))
                #expect(check.environment.variable(named: "item") == nil && check.environment.variable(named: "each") == nil)
            }
        }
        #expect(own == ["item", "each.metadata.name != ''"])
        #expect(shared.count == 4 && Set(shared).count == 1)  // a, b, c's forEach, status
        #expect(MemoryLayout<ExpressionCheck>.size <= 40)
    }

    /// The tolerant parse of text being typed is kept out of line (few expressions have one)
    /// and reads back as a stored field.
    @Test func thePartialTreeIsKeptOutOfLine() throws {
        let analysis = try #require(rgdAnalysis(rgd("""
          resources:
          - id: a
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.}"}}
        """)))
        var e = try #require(analysis.expressions.first)
        #expect(e.parsed == nil && e.partial?.source == "schema.spec.")
        e.partial = nil
        #expect(e.partial == nil && e.partialStorage.isEmpty)
        #expect(MemoryLayout<RGDExpression>.size <= 144)
    }

    /// Expressions of one CEL text hold one parsed tree (boxed by the memo of their lane); the
    /// resource index, stored in 32 bits, reads back as written, nil included.
    @Test(arguments: [1, 2])
    func expressionsOfOneTextShareTheirTree(threads: Int) throws {
        let analysis = try Self.analysis(rgd("""
            status:
              name: ${b.metadata.name}
          resources:
          - {id: a, template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.name}"}}}
          - id: b
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: "${schema.spec.name}", namespace: "${schema.spec.name}"}
        """), threads: threads)
        #expect(analysis.expressions.map(\.resourceIndex) == [0, 1, 1, nil])
        let inB = try analysis.expressions.filter { $0.resourceIndex == 1 }.map { try #require($0.parsedTree) }
        #expect(inB.count == 2 && inB[0] === inB[1] && inB[0].parsed.source == "schema.spec.name")
        // And one copy of the text (16 bytes: not stored inline in the string).
        let texts = analysis.expressions.filter { $0.resourceIndex == 1 }.map(\.celText)
        let addresses = texts.map { $0.utf8.withContiguousStorageIfAvailable { $0.baseAddress } }
        #expect(texts == ["schema.spec.name", "schema.spec.name"] && addresses[0] != nil && addresses[0] == addresses[1])
        var e = try #require(analysis.expressions.last)
        #expect(e.parsed?.source == "b.metadata.name" && e.partial == nil)
        e.resourceIndex = 70_000
        #expect(e.resourceIndex == 70_000)
        e.resourceIndex = nil
        #expect(e.resourceIndex == nil)
        e.parsed = nil
        #expect(e.parsedTree == nil && e.parsed == nil)
    }

    /// Expressions at one place of resources of one lane keep one path; other places keep
    /// their own, sharing the links to their common mapping.
    @Test func expressionsAtOnePlaceShareTheirPath() throws {
        let analysis = try Self.analysis(rgd("""
          resources:
          - {id: a, template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.name}"}}}
          - {id: b, template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "x-${schema.spec.name}", labels: {k: "${schema.spec.name}"}}}}
        """), threads: 1)
        let paths = analysis.expressions.map(\.path)
        #expect(paths.map(TemplateFieldPath.format) == ["metadata.name", "metadata.name", "metadata.labels.k"])
        let tails = try analysis.expressions.map { try #require($0.sharedPath.tail) }
        #expect(tails[0] === tails[1] && tails[2] !== tails[0])
        #expect(tails[2].parent?.parent === tails[0].parent)
    }

    /// A resource's checks are an array with a slot per expression (then per unterminated
    /// one), not a table keyed by index.
    @Test func checksAreOneSlotPerExpression() throws {
        let analysis = try #require(rgdAnalysis(ExpressionChunksTests.text))
        // a: two expressions; b: none; c: one and one being typed; the status: one.
        #expect(analysis.checks.chunks.map(\.count) == [2, 0, 2, 1])
        #expect(analysis.checks.count == 5 && analysis.checks[5] == nil)
    }

    /// A reference keeps its CEL span as 32-bit offsets (24 bytes), reading back what was
    /// stored, also far past 16 bits. Its file range is its expression's to give, so an
    /// expression moved by an edit before it moves its references without copying them.
    @Test func referencesKeepTheirSpanIn24BytesAndMoveWithTheirExpression() throws {
        #expect(MemoryLayout<ExpressionReference>.stride == 24)
        let far = ExpressionReference(name: "schema", span: SourceSpan(start: 70_000, end: 70_006))
        #expect(far.span == SourceSpan(start: 70_000, end: 70_006) && far.name == "schema")
        let analysis = try Self.analysis(Self.text, threads: 1)
        let source = SourceText(Self.text)
        // The status's `${a.metadata.name}`, the text's first.
        let e = try #require(analysis.expressions.first { $0.celText == "a.metadata.name" })
        let reference = try #require(e.references.first)
        let range = e.fileRange(reference.span)
        let written = try #require(Self.text.range(of: "${a.metadata.name}"))
        #expect(range == TextRange(start: Self.text.utf8.distance(from: Self.text.startIndex, to: written.lowerBound) + 2,
                                   end: Self.text.utf8.distance(from: Self.text.startIndex, to: written.lowerBound) + 3))
        #expect(source.string(in: range) == "a")
        let moved = e.shifted(by: 7)
        #expect(moved.references == e.references && moved.fileRange(reference.span) == range.shifted(by: 7))
    }
}
