import Testing
import YAMLSyntax
@testable import KroEngine

/// Over `AnalysisLimits.maxFindings`, an RGD reports its first findings and KRO921 at the
/// first one left out; the findings kept are those of an analysis without the limit.
@Suite struct FindingLimitTests {
    static func options(findings: Int, threads: Int = 1, retention: AnalysisRetention = .all) -> AnalysisOptions {
        var options = AnalysisOptions.bundled
        options.limits.maxFindings = findings
        options.analysisThreads = threads
        options.minimumParallelResources = 1
        options.retention = retention
        return options
    }

    /// A ConfigMap item whose template has `fields` unknown fields, each `marked` (or not).
    static func configMap(_ id: String, fields: [String]) -> String {
        "  - id: \(id)\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: \(id)}\n"
            + fields.map { "      \($0): 1\n" }.joined()
    }

    static let message = "the RGD has more than 3 findings, over kro-lsp's limit of 3 per RGD; this one and the rest are not reported"

    @Test func overTheLimitKRO921IsOnTheFirstFindingLeftOut() throws {
        let marked = MarkedText(rgd("  resources:\n" + Self.configMap("cm", fields: ["a1", "a2", "dataa", "«a4»", "a5"])))
        let all = diagnostics(marked, options: Self.options(findings: .max))
        #expect(all.map(\.code) == Array(repeating: "KRO304", count: 5))
        let found = diagnostics(marked, options: Self.options(findings: 3))
        #expect(found.map(\.code) == ["KRO304", "KRO304", "KRO304", "KRO921"])
        #expect(found.last?.range == marked.ranges[0])
        #expect(found.last?.message == Self.message)
        #expect(found.last?.severity == .error)
        // The ones kept are unchanged, the did-you-mean fix of `dataa` included.
        #expect(Array(found.prefix(3)) == Array(all.prefix(3)))
        #expect(found[2].fixes.first?.edits.first?.newText == "data")
        #expect(diagnostics(marked.crlf, options: Self.options(findings: 3)).last?.range == marked.crlf.ranges[0])
        // At the limit exactly, nothing is left out.
        #expect(diagnostics(marked, options: Self.options(findings: 5)) == all)
    }

    /// Counted over the resources in order: the resources after the one where the count goes
    /// over the limit report nothing, whatever the threads or what the analysis keeps.
    @Test func resourcesAfterTheOneOverTheLimitReportNothing() throws {
        let marked = MarkedText(rgd("  resources:\n" + Self.configMap("a", fields: ["a1", "a2"])
            + Self.configMap("b", fields: ["b1", "«b2»", "b3"]) + Self.configMap("c", fields: ["c1", "c2"])
            + "  - id: d\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${nowhere.name}\"}}\n"))
        let expected = diagnostics(marked, options: Self.options(findings: 3))
        #expect(expected.map(\.code) == ["KRO304", "KRO304", "KRO304", "KRO921"])
        #expect(expected.last?.range == marked.ranges[0])
        #expect(expected.last?.message == Self.message)
        for threads in [1, 2, 4] {
            for retention in [AnalysisRetention.all, .findings] {
                let found = diagnostics(marked, options: Self.options(findings: 3, threads: threads, retention: retention))
                #expect(found == expected, "threads \(threads), \(retention)")
            }
        }
        // Within the limit, `d`'s unknown resource is reported too.
        #expect(diagnostics(marked, options: Self.options(findings: 8)).map(\.code).last == "KRO311")
    }

    /// With a cache (the server), the results of resources left out are not kept: an edit
    /// that removes findings before them brings their findings back, as a fresh analysis has.
    @Test func anEditBringsBackWhatTheLimitLeftOut() throws {
        func text(_ aFields: [String]) -> String {
            rgd("  resources:\n" + Self.configMap("a", fields: aFields) + Self.configMap("b", fields: ["b1", "b2"])
                + Self.configMap("c", fields: ["c1"]))
        }
        for threads in [1, 4] {
            let options = Self.options(findings: 3, threads: threads)
            let cache = AnalysisCache()
            let over = DocumentAnalyzer.analyze(SourceText(text(["a1", "a2", "a3"])), options: options, cache: cache)
            #expect(over.diagnostics.map(\.code) == ["KRO304", "KRO304", "KRO304", "KRO921"])
            for edit in [["a1"], [], ["a1", "a2", "a3", "a4"], ["a1"]] {
                let source = SourceText(text(edit))
                let cached = DocumentAnalyzer.analyze(source, options: options, cache: cache).diagnostics
                #expect(cached == DocumentAnalyzer.analyze(source, options: options).diagnostics, "\(edit), threads \(threads)")
            }
            let last = DocumentAnalyzer.analyze(SourceText(text(["a1"])), options: options, cache: cache).diagnostics
            #expect(last.map { SourceText(text(["a1"])).string(in: $0.range) } == ["a1", "b1", "b2", "c1"])
            #expect(last.last?.code == "KRO921")
        }
    }

    /// One cache, the same text under two limits: each answer is its own limit's.
    @Test func aCachedResultIsNotReusedUnderAnotherLimit() throws {
        let source = SourceText(rgd("  resources:\n" + Self.configMap("a", fields: ["a1", "a2", "a3", "a4"])))
        let cache = AnalysisCache()
        for findings in [2, 10, 3, 10] {
            let options = Self.options(findings: findings)
            let cached = DocumentAnalyzer.analyze(source, options: options, cache: cache).diagnostics
            #expect(cached == DocumentAnalyzer.analyze(source, options: options).diagnostics, "limit \(findings)")
            #expect(cached.count == min(findings, 4) + (findings < 4 ? 1 : 0))
        }
    }

    /// The default limit, 10,000: a template of 30,000 unknown fields reports the first
    /// 10,000 and KRO921 on the 10,001st.
    @Test func thirtyThousandUnknownFieldsAreReportedUpToTheDefaultLimit() throws {
        #expect(AnalysisLimits().maxFindings == 10_000)
        let text = rgd("  resources:\n" + Self.configMap("cm", fields: (0..<30_000).map { "bad\($0)" }))
        let source = SourceText(text)
        let found = DocumentAnalyzer.analyze(source, options: .bundled).diagnostics
        #expect(found.count == 10_001)
        #expect(found.dropLast().allSatisfy { $0.code == "KRO304" })
        let notice = try #require(found.last)
        #expect(notice.code == "KRO921")
        #expect(source.string(in: notice.range) == "bad10000")
        #expect(notice.message == "the RGD has more than 10000 findings, over kro-lsp's limit of 10000 per RGD; "
            + "this one and the rest are not reported")
        #expect(found[9_999].message.hasSuffix("schema not found for field bad9999"))
    }

    /// Items of `spec.resources` that are not objects are reported (KRO016) only up to one
    /// past the limit, as they are read: the findings are those the whole list gives, cut
    /// at the limit, within the resource limit or over it, on one thread or four.
    @Test func itemsThatAreNotObjectsStopBeingReportedPastTheLimit() throws {
        let scalars = (0..<9).map { "  - \($0)\n" }.joined()
        let objects = (0..<4).map { Self.configMap("c\($0)", fields: []) }.joined()
        for (name, resources, maxResources) in [("within", scalars + objects + scalars, 10), ("over", objects + scalars, 3)] {
            for threads in [1, 4] {
                var unlimited = Self.options(findings: .max, threads: threads)
                unlimited.limits.maxResources = maxResources
                var limited = Self.options(findings: 3, threads: threads)
                limited.limits.maxResources = maxResources
                let marked = MarkedText(rgd("  resources:\n" + resources))
                var expected = diagnostics(marked, options: unlimited)
                #expect(expected.count > 4, "\(name)")
                let firstOut = expected[3].range
                expected.removeSubrange(3...)
                let found = diagnostics(marked, options: limited)
                #expect(Array(found.prefix(3)) == expected, "\(name), \(threads) threads")
                #expect(found.count == 4 && found.last?.code == "KRO921" && found.last?.range == firstOut,
                        "\(name), \(threads) threads: \(found.map(\.code))")
            }
        }
        // Half a million would be: 10,000 of them and KRO921 on the 10,001st.
        let source = SourceText(rgd("  resources:\n" + String(repeating: "  - 1\n", count: 30_000)))
        let found = DocumentAnalyzer.analyze(source, options: .bundled).diagnostics
        #expect(found.count == 10_001 && found.dropLast().allSatisfy { $0.code == "KRO016" })
        #expect(found.last?.code == "KRO921" && found.last?.message.contains("more than 10000 findings") == true)
    }
    /// A document's duplicate keys (KRO019) are reported up to the limit, the first by
    /// position, and KRO921 on the first left out: a 10 MB flow mapping of one key written
    /// over and over reported 1.7 million warnings.
    @Test func duplicateKeysStopBeingReportedPastTheLimit() throws {
        let marked = MarkedText(rgd("  resources:\n" + Self.configMap("cm", fields: [])
            + "      data: {k: a, k: b, m: c, k: d, m: e, «k»: f}\n"))
        let all = diagnostics(marked, options: Self.options(findings: .max))
        #expect(all.map(\.code) == Array(repeating: "KRO019", count: 4))
        let found = diagnostics(marked, options: Self.options(findings: 3))
        #expect(Array(found.prefix(3)) == Array(all.prefix(3)))
        #expect(found.count == 4 && found.last?.code == "KRO921" && found.last?.range == marked.ranges[0])
        #expect(found.last?.message == "the file has more than 3 duplicate keys, over kro-lsp's limit of 3 findings; "
            + "this one and the rest are not reported")
        #expect(diagnostics(marked, options: Self.options(findings: 4)) == all)
        // With the default limit: 10,000 warnings and the notice on the 10,001st repeat.
        let source = SourceText(rgd("  resources:\n" + Self.configMap("cm", fields: [])
            + "      data: {" + String(repeating: "k: v, ", count: 30_000) + "}\n"))
        let defaults = DocumentAnalyzer.analyze(source, options: .bundled).diagnostics
        #expect(defaults.count == 10_001 && defaults.dropLast().allSatisfy { $0.code == "KRO019" })
        #expect(defaults.last?.code == "KRO921")
    }
    /// The type check keeps at most twice a resource's limit, cut back to the first by
    /// position as it goes: the findings are still the first of an analysis without the
    /// limit, whatever order the expressions are checked in (the readyWhen written first
    /// is checked after the template).
    @Test func typeCheckIssuesPastTheLimitAreNotKept() throws {
        let fields = (0..<12).map { "schema.spec.a\($0)" }.joined(separator: ", ")
        let marked = MarkedText(rgd("""
              resources:
              - id: cm
                readyWhen: ["${string([cm.metadata.x1, cm.metadata.x2]) == ''}"]
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: x}
                  data:
                    a: "${string([\(fields)])}"
                    b: "${string([\(fields)])}"

            """))
        let all = diagnostics(marked, options: Self.options(findings: .max))
        #expect(all.count == 29 && all.allSatisfy { $0.code == "KRO333" || $0.code == "KRO341" })
        for limit in [1, 3, 14, 28] {
            let found = diagnostics(marked, options: Self.options(findings: limit))
            #expect(Array(found.prefix(limit)) == Array(all.prefix(limit)), "limit \(limit)")
            #expect(found.count == limit + 1 && found.last?.code == "KRO921" && found.last?.range == all[limit].range,
                    "limit \(limit)")
        }
    }

    /// The limit holds for a file too, all its documents together: a file of many RGDs,
    /// each within it, made millions of findings. An RGD cut to the limit keeps its own
    /// notice (KRO921s are not counted).
    @Test func aFileOfManyRGDsReportsItsFirstFindingsUpToTheLimit() throws {
        func document(_ n: Int, fields: [String]) -> String {
            RGDFixture.head(name: "d\(n)", kind: "D\(n)", schema: "spec:\n  name: string")
                + "  resources:\n" + Self.configMap("cm", fields: fields)
        }
        let typed = document(2, fields: ["c1"]) + "      data: {k: \"${string(schema.spec.name)}\"}\n"
        let marked = MarkedText([document(0, fields: ["a1", "a2"]), document(1, fields: ["b1", "«b2»", "b3"]),
                                 typed].joined(separator: "---\n"))
        let whole = DocumentAnalyzer.analyze(marked.source, options: Self.options(findings: .max))
        let all = whole.diagnostics
        #expect(all.count == 6 && all.allSatisfy { $0.code == "KRO304" })
        let limited = DocumentAnalyzer.analyze(marked.source, options: Self.options(findings: 3))
        let found = limited.diagnostics
        #expect(Array(found.prefix(3)) == Array(all.prefix(3)))
        // The RGD past the limit is searched for no finding, yet analysed as before.
        #expect(limited.rgds.count == 3 && limited.rgds[2].diagnostics.isEmpty)
        #expect(limited.rgds[2].checks.count == 1 && limited.rgds[2].expressions.count == 1)
        #expect(limited.rgds[2].generatedCRD?.result.crd == whole.rgds[2].generatedCRD?.result.crd)
        #expect(found.count == 4 && found.last?.code == "KRO921" && found.last?.range == marked.ranges[0])
        #expect(found.last?.message == "the file has more than 3 findings, over kro-lsp's limit of 3 per file; "
            + "this one and the rest are not reported")
        #expect(diagnostics(marked, options: Self.options(findings: 6)) == all)
        // With a cache (the editor's), once and again, and under another limit.
        let cache = AnalysisCache()
        for findings in [3, 3, 6, 3] {
            #expect(DocumentAnalyzer.analyze(marked.source, options: Self.options(findings: findings), cache: cache).diagnostics
                == (findings == 3 ? found : all))
        }

        // One RGD over the limit: its own notice, and no other.
        let one = MarkedText(document(0, fields: ["a1", "a2", "a3", "a4"]) + "---\n" + document(1, fields: []))
        let cut = diagnostics(one, options: Self.options(findings: 3))
        #expect(cut.map(\.code) == ["KRO304", "KRO304", "KRO304", "KRO921"])
        #expect(cut.last?.message == Self.message)
    }

    /// A file's duplicate keys are counted over all its documents.
    @Test func duplicateKeysAreCountedOverTheWholeFile() throws {
        let marked = MarkedText("a: {k: 1, k: 2}\n---\nb: {k: 1, k: 2, «k»: 3}\n---\nc: {k: 1, k: 2}\n")
        let found = diagnostics(marked, options: Self.options(findings: 2))
        #expect(found.map(\.code) == ["KRO019", "KRO019", "KRO921"])
        #expect(found.last?.range == marked.ranges[0])
    }

    /// What the editor is told (`moreFindingsHint`) follows each notice of findings cut.
    @Test func aHintSaysWhereTheRestCanBeSeen() throws {
        var options = Self.options(findings: 3)
        options.limits.moreFindingsHint = "kro-lsp --check reports up to 10000"
        let marked = MarkedText(rgd("  resources:\n" + Self.configMap("cm", fields: ["a1", "a2", "a3", "a4"])))
        #expect(diagnostics(marked, options: options).last?.message == Self.message + " (kro-lsp --check reports up to 10000)")
    }
}
