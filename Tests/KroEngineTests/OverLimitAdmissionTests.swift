import Testing
import YAMLSyntax
@testable import KroEngine

/// An RGD over the resource limit keeps none of its resources, so admission counts the
/// items and reads none of them — and reports exactly what it reported when it read them
/// all: KRO921 at the first item over the limit, KRO016 for items that are not objects,
/// KRO003 in them; nothing from inside the object items (missing or repeated ids, unknown
/// fields, `.nan` in a template), which were never analysed.
@Suite struct OverLimitAdmissionTests {
    /// Items broken in every way admission reports, objects and not; marked: the places
    /// KRO921 points at for limits 1–5 (the resources are the object items, an alias to one
    /// included: 6 of the 9 items).
    static let marked = MarkedText(rgd("""
      resources:
      - template: {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
      - just a string
      - id: «dup»
        template: {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
        bogus: 1
      - .inf
      - &item
        id: «dup»
        template: {apiVersion: v1, kind: ConfigMap, metadata: {name: c, annotations: {x: .nan}}}
      - «apiVersion: v1
        kind: ConfigMap
        metadata: {name: d}»
      - «id: 7
        template: {apiVersion: v1, kind: ConfigMap, metadata: {name: e}}»
      - *item
      - [1, .nan]
    """))

    /// `code range "text" message`, comparable across runs.
    static func line(_ code: String, _ range: TextRange, _ source: SourceText, _ message: String) -> String {
        "\(code) \(range.start)..<\(range.end) \(source.string(in: range).debugDescription) \(message)"
    }

    static func found(_ marked: MarkedText, limit: Int, threads: Int = 1) -> [String] {
        var options = AnalysisLimitsTests.options(resources: limit)
        options.analysisThreads = threads
        options.minimumParallelResources = 1
        let source = marked.source
        return DocumentAnalyzer.analyze(source, options: options).diagnostics.map { line($0.code, $0.range, source, $0.message) }
    }

    /// What kro-lsp reported before admission skipped the reads (main d187300 read every
    /// item, then dropped them): the items that are not objects (KRO016, and KRO003 in them),
    /// and KRO921 at the first resource over the limit, counting object items only.
    /// `anchor`: the marked range KRO921 points at.
    @Test(arguments: [(1, 0), (2, 1), (3, 2), (4, 3), (5, 1)])
    func sameDiagnosticsAsWhenEveryItemWasRead(limit: Int, anchor: Int) throws {
        let m = Self.marked, source = m.source
        func at(_ text: String) throws -> TextRange {
            let start = try #require(m.text.utf8.firstRange(of: text.utf8)).lowerBound
            let offset = m.text.utf8.distance(from: m.text.utf8.startIndex, to: start)
            return TextRange(start: offset, end: offset + text.utf8.count)
        }
        let expected = [
            Self.line("KRO016", try at("just a string"), source, "spec.resources[1] in body must be of type object: \"string\""),
            Self.line("KRO003", try at(".inf"), source, "json: unsupported value: .inf cannot be represented in JSON"),
            Self.line("KRO016", try at(".inf"), source, "spec.resources[3] in body must be of type object: \"number\""),
            Self.line("KRO921", m.ranges[anchor], source, "spec.resources has 6 resources, over kro-lsp's limit of \(limit) "
                      + "per RGD; the resources and the status are not analysed"),
            Self.line("KRO016", try at("[1, .nan]"), source, "spec.resources[8] in body must be of type object: \"array\""),
            Self.line("KRO003", TextRange(start: try at(".nan]").start, end: try at(".nan]").start + 4), source, "json: unsupported value: .nan cannot be represented in JSON"),
        ]
        for threads in [1, 2] {
            #expect(Self.found(m, limit: limit, threads: threads).sorted() == expected.sorted())
        }
    }

    /// Within the limit every item is read: the file is broken in the ways claimed.
    @Test func withinTheLimitTheItemsAreRead() throws {
        let codes = Self.found(Self.marked, limit: 6).map { $0.prefix(6) }
        for code in ["KRO010", "KRO017", "KRO204", "KRO011", "KRO303"] { #expect(codes.contains(Substring(code))) }
        #expect(!codes.contains("KRO921"))
    }

    /// Admission over the limit reads no item: no resource, nothing parallel to them.
    @Test func overTheLimitNoItemIsRead() throws {
        let document = try #require(YAMLParser.parse(Self.marked.source).documents.first)
        var reads = 0
        let admission = try #require(RGDParser.admit(root: document.root, reuse: { _, _ in reads += 1; return nil },
                                                     maxResources: 5))
        #expect(admission.rgd.resources.isEmpty && admission.gvks.isEmpty && admission.resourceDiagnostics.isEmpty)
        #expect(admission.selfContained.isEmpty && admission.taken.isEmpty && reads == 0)
        let list = try #require(document.root?.mapping?.value(forKey: "spec")?.mapping?.value(forKey: "resources")).range
        #expect(admission.overLimit == RGDParser.OverLimit(resources: 6, firstOver: Self.marked.ranges[1], list: list))
        let within = try #require(RGDParser.admit(root: document.root, maxResources: 6))
        #expect(within.rgd.resources.count == 6 && within.overLimit == nil)
    }
}
