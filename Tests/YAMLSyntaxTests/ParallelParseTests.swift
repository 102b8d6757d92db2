import Foundation
import Testing
@testable import YAMLSyntax

/// The parallel parse (skeleton + groups of `resources:` items, ParallelParse.swift) must
/// give exactly the one-thread tree: documents, errors, duplicate keys and the parser's
/// effective-entries marks. Checked on the corpus with every document cut, on seeded
/// RGD-like documents whose items carry what could reach across a cut (block and quoted
/// scalars, flow collections over several lines, comments at every column, anchors,
/// aliases, tabs, duplicate keys, unclosed quotes, NEL, CRLF, a small depth limit), and on
/// random edits of the corpus files. Hazard-free generated documents must take the cut
/// path (not the fallback), so the comparison is about the cut. Sized to take seconds: a
/// long synchronous test holds a cooperative thread other suites' servers need.
@Suite struct ParallelParseTests {
    static func parallel(_ source: SourceText, limits: YAMLLimits = .default, groupsPerThread: Int) -> YAMLFile {
        YAMLParser.parse(source, limits: limits,
                         parallel: .init(threads: 3, minimumDocumentBytes: 0, groupsPerThread: groupsPerThread))
    }

    /// Every mapping's effective-entries mark, in tree order (not part of `==`).
    static func marks(_ file: YAMLFile) -> [Bool] {
        var out: [Bool] = []
        func visit(_ node: YAMLNode) {
            switch node {
            case .mapping(let m):
                out.append(m.entriesAreKnownEffective)
                for e in m.entries { visit(e.key); visit(e.value) }
            case .sequence(let s): s.items.forEach(visit)
            case .scalar, .alias: break
            }
        }
        for d in file.documents { if let root = d.root { visit(root) } }
        return out
    }

    static func expectSame(_ text: [UInt8], limits: YAMLLimits = .default, _ label: String) {
        let source = SourceText(bytes: text)
        let one = YAMLParser.parse(source, limits: limits)
        for groups in [1, 7] {
            let many = parallel(source, limits: limits, groupsPerThread: groups)
            #expect(many.documents == one.documents, "\(label), \(groups) groups per thread")
            #expect(many.errors == one.errors, "\(label)")
            #expect(marks(many) == marks(one), "\(label)")
        }
    }

    /// Whether the first document is cut and assembled (no fallback), with `groups` groups.
    static func assembles(_ text: [UInt8], limits: YAMLLimits = .default, groups: Int) -> Bool {
        let source = SourceText(bytes: text)
        guard let range = YAMLParser.documentRanges(in: source).first,
              let cut = ItemCut.find(in: source, document: range) else { return false }
        let skeleton = YAMLParser.Job.skeleton(cut).run(source, limits: limits)
        let parts = YAMLParser.itemJobs(cut, groups: cut.groups(count: groups), source: source, limits: limits).map { $0.run(source, limits: limits) }
        return cut.assemble(skeleton: skeleton, groups: parts[...], source: source, limits: limits) != nil
    }

    @Test func corpusFilesParseTheSameCut() throws {
        let files = CorpusTests.corpusFiles
        try #require(files.count > 50)
        var cut = 0
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            Self.expectSame(bytes, url.lastPathComponent)
            if Self.assembles(bytes, groups: 3) { cut += 1 }
        }
        // Most kro files have a resources list of two or more items.
        #expect(cut >= 20, "\(cut) of \(files.count) corpus files were cut")
    }

    @Test func randomEditsOfCorpusFilesParseTheSame() throws {
        let files = CorpusTests.corpusFiles.filter { url in
            (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self).contains("resources:") } ?? false
        }
        try #require(files.count > 20)
        var rng = FuzzTests.Generator(state: 0xC0FF_EE12_3456)
        for url in files {
            let original = [UInt8](try Data(contentsOf: url))
            for _ in 0..<6 {
                var bytes = original
                for _ in 0..<(1 + rng.below(2)) {
                    let at = rng.below(bytes.count + 1)
                    if rng.below(3) == 0 && at < bytes.count {
                        bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.below(6)))
                    } else {
                        bytes.insert(contentsOf: FuzzTests.fragments[rng.below(FuzzTests.fragments.count)], at: at)
                    }
                }
                Self.expectSame(bytes, "\(url.lastPathComponent) edited")
            }
        }
    }

    static let header = """
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: gen
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Gen
            spec:
              name: string
        """

    /// An item at column `c`; `hazard` says whether it may carry something a cut must
    /// refuse or that changes the structure (then no cut path is required).
    static func item(_ n: Int, column c: Int, hazard: Bool, _ rng: inout FuzzTests.Generator) -> String {
        let p = String(repeating: " ", count: c)
        let q = p + "  "
        var text = "\(p)- id: r\(n)\n\(q)template:\n\(q)  apiVersion: v1\n\(q)  kind: ConfigMap\n"
        text += "\(q)  metadata:\n\(q)    name: ${schema.spec.name}-\(n)\n"
        let safe = [
            "\(q)  data:\n\(q)    script: |\n\(q)      line one\n\n\(q)      - not an item\n\(q)    k: v\n",
            "\(q)  note: \"a quoted\n\(q)    value\"\n",
            "\(q)  list: [a,\n\(q)    b, {c: d}]\n",
            "# a comment at column 0\n\(p)# at the items' column\n\n",
            "\(q)  ports:\n\(q)  - 80\n\(q)  - name: x\n\(q)    port: 443\n",
            "\(q)includeWhen:\n\(q)- ${schema.spec.name != ''}\n",
            "\(q)  text: é😀 ${a.b}\n",
            "\(q)  folded: >-\n\(q)    one\n\(q)    two\n",
            "\(q)  plain: a long\n\(q)    plain scalar\n",
            "\(q)  empty:\n",
            "\(q)  nested:\n\(q)    empty:\n\n# after\n",
            "\(q)  kept: |+\n\(q)    text\n\n\n",
            "\(q)  list:\n\(q)  -\n",
            "\(q)  ? complex\n",
        ]
        let risky = [
            "\(q)  anchored: &a {x: 1}\n\(q)  again: *a\n",
            "\(q)  alias: *elsewhere\n",
            "\t\(q)tabbed: 1\n",
            "\(q)  dup: 1\n\(q)  dup: 2\n",
            "\(q)  open: \"not closed\n",
            "\(q)  flow: [not closed\n",
            "\(q)  nel: a\u{85}b\n",
            "\(q)  deep: {a: {b: {c: {d: {e: 1}}}}}\n",
            "\(p)-\n\(q)id: on-the-next-line\n",
            "\(p)- just a scalar\n",
            "\(p)  # a comment between columns\n\(p) misplaced: 1\n",
            "\(q)  !!map tagged: 1\n",
        ]
        text += safe[rng.below(safe.count)]
        if hazard { text += risky[rng.below(risky.count)] }
        return text
    }

    static func document(_ rng: inout FuzzTests.Generator, hazard: Bool) -> [UInt8] {
        let c = [2, 4, 6][rng.below(3)]
        var text = header + "\n  resources:" + (rng.below(4) == 0 ? "   # the list\n\n" : "\n")
        for n in 0..<(2 + rng.below(12)) {
            text += item(n, column: c, hazard: hazard && rng.below(3) == 0, &rng)
        }
        if hazard {
            let tails = ["", "  other: 1\n", "status: {}\n", "...\n", "---\nkind: Second\n", "   between: 1\n",
                         "# trailing comment\n", "  resources: again\n"]
            text += tails[rng.below(tails.count)]
        }
        if rng.below(5) == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return Array(text.utf8)
    }

    @Test func generatedDocumentsParseTheSameAndPlainOnesAreCut() {
        var rng = FuzzTests.Generator(state: 0x7A11_0C47)
        var cutWithHazards = 0
        for i in 0..<240 {
            let hazard = i % 2 == 1
            let bytes = Self.document(&rng, hazard: hazard)
            // A small depth limit sometimes: the items' allowance must count the levels above them.
            let limits = rng.below(4) == 0 ? YAMLLimits(maxDepth: 6 + rng.below(4)) : .default
            Self.expectSame(bytes, limits: limits, "document \(i)")
            let cut = Self.assembles(bytes, limits: limits, groups: 1 + rng.below(5))
            if !hazard && limits == .default {
                #expect(cut, "plain document \(i) fell back:\n\(String(decoding: bytes, as: UTF8.self))")
            }
            if hazard && cut { cutWithHazards += 1 }
        }
        // Some hazard documents still cut (a hazard-free draw, or a tail the skeleton reads).
        #expect(cutWithHazards > 0)
    }

    /// What a cut must refuse falls back: the result is still the one-thread tree (checked
    /// above); here, that the refusal happens where the one-thread parse differs.
    @Test func aQuoteLeftOpenAcrossItemsIsNotCut() {
        let text = Self.header + "\n  resources:\n  - id: a\n    note: \"open\n  - id: b\"\n  - id: c\n"
        #expect(!Self.assembles(Array(text.utf8), groups: 3))
        Self.expectSame(Array(text.utf8), "open quote")
    }
}
