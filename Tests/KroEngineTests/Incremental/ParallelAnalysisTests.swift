import Foundation
import Testing
@testable import YAMLSyntax
import KroTestSupport
@testable import KroEngine

/// An RGD's resources analysed on several threads (`AnalysisOptions.analysisThreads`) give
/// exactly what one thread gives: diagnostics with ranges and messages, expressions and
/// their checks, graph, symbols, status schemas, and the cache entries an editor's next
/// version starts from.
@Suite struct ParallelAnalysisTests {
    static let sequential = AnalysisOptions.bundled

    /// Four threads (more than this machine's cores: slices interleave), and every RGD
    /// split, however few resources it has: with one resource per slice, any state one
    /// resource's analysis left for the next would show.
    static var parallel: AnalysisOptions {
        var options = AnalysisOptions.bundled
        options.analysisThreads = 4
        options.minimumParallelResources = 1
        return options
    }

    static func snapshot(_ text: String, _ options: AnalysisOptions, cache: AnalysisCache? = nil) -> DocumentSnapshot {
        DocumentSnapshot.analyze(SourceText(text), options: options, cache: cache)
    }

    @Test func everyCorpusFileAnalysesTheSameInParallel() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var rgdsWithSeveralResources = 0
        for name in RGDCorpusTests.corpusFiles() {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            let one = Self.snapshot(text, Self.sequential)
            let many = Self.snapshot(text, Self.parallel)
            let differences = SnapshotComparison.differences(many, one) + ParallelComparison.differences(many, one)
            #expect(differences.isEmpty, "\(name): \(differences.prefix(5).joined(separator: "\n"))")
            rgdsWithSeveralResources += one.rgds.filter { $0.analysis.rgd.resources.count >= 3 }.count
        }
        // The corpus must hold RGDs worth splitting, or the test says little.
        #expect(rgdsWithSeveralResources >= 20)
    }

    @Test(arguments: [
        GeneratedRGD(resources: 150),
        GeneratedRGD(resources: 61, cycle: true),
        GeneratedRGD(resources: 40, lineBreak: "\r\n"),
    ])
    func generatedRGDsAnalyseTheSameInParallel(_ generated: GeneratedRGD) throws {
        let one = Self.snapshot(generated.text, Self.sequential)
        var options = Self.parallel
        options.minimumParallelResources = ResourceSlices.defaultMinimumParallelJobs  // as the CLI runs
        for many in [Self.snapshot(generated.text, Self.parallel), Self.snapshot(generated.text, options)] {
            let differences = SnapshotComparison.differences(many, one) + ParallelComparison.differences(many, one)
            #expect(differences.isEmpty, "\(differences.prefix(5).joined(separator: "\n"))")
        }
        // What is compared is not trivial: findings of several codes, a typed status, edges.
        let codes = Set(one.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: ["KRO311", "KRO333", "KRO334"]))
        #expect(codes.contains("KRO319") == generated.cycle)
        let rgd = try #require(one.rgds.first)
        #expect(rgd.analysis.rgd.resources.count == generated.resources)
        #expect(rgd.analysis.statusSchemas.count == 3)
        #expect(rgd.graph.edges.values.map(\.count).reduce(0, +) >= generated.resources - 1)
    }

    /// The server's path: a parallel first analysis fills the cache; an edit of one
    /// resource recomputes only it; a schema edit recomputes every resource (in parallel,
    /// with the cache). Each version equals a sequential analysis without cache, and the
    /// caches of a sequential and a parallel session hold the same entries.
    @Test func theCacheAfterAParallelAnalysisIsTheSameAsAfterASequentialOne() {
        let generated = GeneratedRGD(resources: 90)
        let versions = [
            generated.text,
            generated.text.replacingOccurrences(of: "${r44.metadata.name}", with: "${r44.metadata.nam}"),
            generated.text.replacingOccurrences(of: "port: integer | default=8080", with: "port: string | default=\"8080\""),
            generated.text.replacingOccurrences(of: "name: string | default=\"app\"",
                                                with: "name: string | default=\"app\"\n      extra: integer"),
        ]
        let (oneCache, manyCache) = (AnalysisCache(), AnalysisCache())
        let expected: [(reused: Int, computed: Int)] = [(0, 90), (89, 1), (0, 90), (0, 90)]
        for (version, text) in versions.enumerated() {
            let one = Self.snapshot(text, Self.sequential, cache: oneCache)
            var options = Self.parallel
            options.minimumParallelResources = ResourceSlices.defaultMinimumParallelJobs
            let many = Self.snapshot(text, options, cache: manyCache)
            let fresh = Self.snapshot(text, Self.sequential)
            for (label, snapshot) in [("sequential", one), ("parallel", many)] {
                let differences = SnapshotComparison.differences(snapshot, fresh) + ParallelComparison.differences(snapshot, fresh)
                #expect(differences.isEmpty, "version \(version), \(label): \(differences.prefix(5).joined(separator: "\n"))")
            }
            #expect(oneCache.statistics == expected[version], "version \(version)")
            #expect(manyCache.statistics == expected[version], "version \(version)")
            let cacheDifferences = ParallelComparison.differences(oneCache, manyCache)
            #expect(cacheDifferences.isEmpty, "version \(version): \(cacheDifferences.prefix(5).joined(separator: "\n"))")
        }
    }

    /// An edit near the top moves every later resource: the YAML items after it and their
    /// cached results are moved on several threads (from 256 items, and here from 32 cache
    /// hits: every RGD is split) and equal a sequential analysis without cache.
    @Test func resourcesMovedByAnEditAreMovedTheSameInParallel() {
        let generated = GeneratedRGD(resources: 300)
        let longer = generated.text.replacingOccurrences(of: "\"${schema.spec.name}-r0\"", with: "\"${schema.spec.name}-r0-é-longer\"")
        let versions = [generated.text, longer, generated.text,
                        generated.text.replacingOccurrences(of: "name: ${schema.spec.name}-r1\n", with: "name: ${schema.spec.name}-r1-x\n")]
        #expect(Set(versions).count == 3)
        let cache = AnalysisCache()
        let expected: [(reused: Int, computed: Int)] = [(0, 300), (299, 1), (299, 1), (299, 1)]
        for (version, text) in versions.enumerated() {
            let source = SourceText(text)
            if version > 0 {  // the edit is inside one item: the parse splices it
                let previous = Self.snapshot(versions[version - 1], Self.sequential).yaml
                #expect(YAMLParser.incrementalParse(source, previous: previous, limits: .default) != nil, "version \(version)")
            }
            let many = DocumentSnapshot.analyze(source, options: Self.parallel, cache: cache)
            let fresh = Self.snapshot(text, Self.sequential)
            let differences = SnapshotComparison.differences(many, fresh) + ParallelComparison.differences(many, fresh)
            #expect(differences.isEmpty, "version \(version): \(differences.prefix(5).joined(separator: "\n"))")
            #expect(cache.statistics == expected[version], "version \(version)")
        }
    }

    /// Random edits of the same large RGD (inserts, deletions, lines doubled or removed):
    /// each version analysed in parallel with the cache equals a fresh sequential analysis,
    /// and most versions moved hundreds of cached results on threads.
    @Test func randomEditsOfALargeRGDAnalyseTheSameInParallel() {
        var random = SplitMix64(seed: 0x6d6f7665)
        let cache = AnalysisCache()
        var text = GeneratedRGD(resources: 300).text
        _ = DocumentSnapshot.analyze(SourceText(text), options: Self.parallel, cache: cache)
        var movedMany = 0
        for version in 1...24 {
            text = RandomEdit.apply(to: text, random: &random)
            let many = DocumentSnapshot.analyze(SourceText(text), options: Self.parallel, cache: cache)
            let fresh = Self.snapshot(text, Self.sequential)
            let differences = SnapshotComparison.differences(many, fresh) + ParallelComparison.differences(many, fresh)
            #expect(differences.isEmpty, "version \(version): \(differences.prefix(5).joined(separator: "\n"))")
            if cache.statistics.reused >= 256 { movedMany += 1 }
        }
        #expect(movedMany >= 12)
    }

    /// Asked before each resource on every thread: once it says stop, no slice starts
    /// another resource, so exactly the resources asked about before are analysed. A first
    /// analysis asks before each resource's environment-free part too (60 asks here, all
    /// before the first resource is computed). The cache stays usable: the next run equals
    /// a fresh analysis.
    @Test(arguments: [(30, 0), (70, 10)]) func shouldStopStopsEverySlice(budget: Int, computed: Int) {
        let generated = GeneratedRGD(resources: 60)
        let cache = AnalysisCache()
        let asked = IncrementalAnalysisTests.Counter()
        var options = Self.parallel
        options.shouldStop = { asked.increment() > budget }
        let stopped = Self.snapshot(generated.text, options, cache: cache)
        #expect(stopped.rgds.isEmpty)
        #expect(cache.statistics.computed == computed)
        // Each slice or lane asks once more at most (and is then told to stop by the signal).
        #expect(asked.value <= budget + 12)

        let next = Self.snapshot(generated.text, Self.parallel, cache: cache)
        #expect(SnapshotComparison.differences(next, Self.snapshot(generated.text, Self.sequential)).isEmpty)
    }

    @Test func slicesCoverTheJobsInOrder() {
        for count in 0...40 {
            for slices in 1...12 {
                let bounds = (0..<slices).map { ResourceSlices.bounds(of: $0, in: slices, count: count) }
                #expect(bounds.flatMap { Array($0) } == Array(0..<count), "\(count) jobs in \(slices) slices")
                let sizes = bounds.map(\.count)
                #expect(sizes.max()! - sizes.min()! <= 1, "\(count) jobs in \(slices) slices")
            }
        }
    }

    @Test func resultsComeBackInJobOrderWithTheirSlicesState() {
        // Each job records how many jobs its slice ran before it: a slice's state is its own.
        let slices = ResourceSlices(threads: 3, minimumParallelJobs: 1)
        var finished = 0
        let results = slices.map(100, state: 0, shouldStop: nil, finished: &finished) { ranBefore, job in
            defer { ranBefore += 1 }
            return (job, ranBefore)
        }
        #expect(finished == 100)
        #expect(results?.map(\.0) == Array(0..<100))
        let starts = (0..<9).map { ResourceSlices.bounds(of: $0, in: 9, count: 100).lowerBound }
        #expect(results?.map(\.1) == (0..<100).map { job in job - starts.last { $0 <= job }! })
    }
}

extension ParallelAnalysisTests {
    /// Lanes take jobs from a counter: results still come back in job order, and each job
    /// sees the state its lane left (the counts of jobs run before form one run 0, 1, … per lane).
    @Test(arguments: [2, 3, 4]) func lanesReturnResultsInJobOrderWithTheirLanesState(threads: Int) {
        let slices = ResourceSlices(threads: threads, minimumParallelJobs: 1)
        var finished = 0
        let results = slices.lanes(200, state: 0, shouldStop: nil, finished: &finished) { ranBefore, job in
            defer { ranBefore += 1 }
            return (job, ranBefore)
        }
        #expect(finished == 200)
        #expect(results?.map(\.0) == Array(0..<200))
        let counts = Dictionary(grouping: results?.map(\.1) ?? [], by: { $0 }).mapValues(\.count)
        let lanes = counts[0] ?? 0
        #expect(lanes >= 1 && lanes <= max(2, threads))
        #expect((0..<200).allSatisfy { (counts[$0 + 1] ?? 0) <= (counts[$0] ?? 0) })
    }

    @Test func lanesStopWhenAsked() {
        let asked = IncrementalAnalysisTests.Counter()
        var finished = 0
        let results = ResourceSlices(threads: 3, minimumParallelJobs: 1)
            .lanes(100, state: 0, shouldStop: { asked.increment() > 40 }, finished: &finished) { _, job in job }
        #expect(results == nil)
        #expect(finished == 40)
    }
}

/// What `SnapshotComparison` (written for the incremental property) leaves out and a
/// parallel run could get wrong: whole status schemas, every check of every expression,
/// the typing context, and the cache's entries.
enum ParallelComparison {
    static func differences(_ a: DocumentSnapshot, _ b: DocumentSnapshot) -> [String] {
        var out: [String] = []
        for (x, y) in zip(a.rgds, b.rgds) {
            if x.analysis.statusSchemas != y.analysis.statusSchemas { out.append("status schemas differ") }
            if x.analysis.diagnostics != y.analysis.diagnostics { out.append("RGD analysis diagnostics differ") }
            if x.analysis.typeContext.itemTypes != y.analysis.typeContext.itemTypes { out.append("item types differ") }
            let (p, q) = (x.analysis, y.analysis)
            if p.expressions.count != q.expressions.count || p.unterminatedExpressions.count != q.unterminatedExpressions.count {
                out.append("expression counts differ")
                continue
            }
            for i in 0..<(p.expressions.count + p.unterminatedExpressions.count) {
                let (c, d) = (p.checks[i], q.checks[i])
                if (c == nil) != (d == nil) || c?.result.types != d?.result.types || c?.result.type != d?.result.type
                    || c?.result.issues.map(\.message) != d?.result.issues.map(\.message) {
                    out.append("check \(i) differs")
                }
            }
            if p.expressions.map(\.references) != q.expressions.map(\.references) { out.append("references differ") }
        }
        return out
    }

    static func differences(_ a: AnalysisCache, _ b: AnalysisCache) -> [String] {
        let (x, y) = (a.entries, b.entries)
        guard x.keys.sorted() == y.keys.sorted() else { return ["cached documents \(x.keys.sorted()) vs \(y.keys.sorted())"] }
        var out: [String] = []
        for (document, p) in x {
            let q = y[document]!
            if p.environment?.key != q.environment?.key { out.append("document \(document): environment keys differ") }
            if p.generation != q.generation { out.append("document \(document): generations differ") }
            if p.graph?.inputs != q.graph?.inputs { out.append("document \(document): graph inputs differ") }
            if p.source?.bytes != q.source?.bytes { out.append("document \(document): texts differ") }
            guard p.resources.count == q.resources.count else {
                out.append("document \(document): \(p.resources.count) vs \(q.resources.count) resources")
                continue
            }
            for (i, (c, d)) in zip(p.resources, q.resources).enumerated() {
                guard let c, let d else {
                    if (c == nil) != (d == nil) { out.append("resource \(i): cached in one only") }
                    continue
                }
                if c.end != d.end || c.start != d.start || c.column != d.column || c.generation != d.generation
                    || c.keyPart != d.keyPart || (c.admitted == nil) != (d.admitted == nil) {
                    out.append("resource \(i): key fields differ")
                }
                let (r, s) = (c.analysis, d.analysis)
                if r.diagnostics != s.diagnostics || r.dependencies != s.dependencies || r.hasAliases != s.hasAliases
                    || r.expressions.map(\.celText) != s.expressions.map(\.celText)
                    || r.expressions.map(\.scalar.range) != s.expressions.map(\.scalar.range)
                    || r.unterminated.map(\.celText) != s.unterminated.map(\.celText)
                    || r.checks.map({ $0?.result.type }) != s.checks.map({ $0?.result.type }) {
                    out.append("resource \(i): results differ")
                }
            }
        }
        return out
    }
}

extension GeneratedRGD: CustomTestStringConvertible {
    public var testDescription: String {
        "\(resources) resources\(cycle ? ", cycle" : "")\(lineBreak == "\n" ? "" : ", CRLF")"
    }
}
