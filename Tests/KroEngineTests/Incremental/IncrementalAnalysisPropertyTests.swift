import CEL
import Foundation
import Testing
@testable import YAMLSyntax
@testable import KroEngine

/// Random edits on the corpus RGDs: the analysis that reuses the cache of the previous
/// version must equal a fresh analysis of the same text (tree, diagnostics, expressions
/// and their types, symbols, graph). Seeded, so a failure repeats; the number of edits is
/// small for CI and raised with `KRO_INCREMENTAL_EDITS` (seed: `KRO_INCREMENTAL_SEED`).
@Suite struct IncrementalAnalysisPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let edits = Int(environment["KRO_INCREMENTAL_EDITS"] ?? "") ?? 240
    static let seed = UInt64(environment["KRO_INCREMENTAL_SEED"] ?? "") ?? 0x6b726f

    /// Corpus RGDs with several resources (where reuse can happen), largest first.
    static func files() throws -> [String] {
        let root = sharedDirectory().appendingPathComponent("corpus")
        return try RGDCorpusTests.corpusFiles().compactMap { name -> (String, Int)? in
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            guard text.contains("ResourceGraphDefinition") else { return nil }
            let resources = text.components(separatedBy: "\n  - id:").count + text.components(separatedBy: "\n    - id:").count - 2
            return resources >= 3 ? (text, resources) : nil
        }.sorted { $0.1 > $1.1 }.map(\.0)
    }

    @Test func incrementalAnalysisEqualsAFreshOne() throws {
        let files = try Self.files()
        try #require(files.count >= 5)
        var random = SplitMix64(seed: Self.seed)
        var totalReused = 0
        var spliced = 0
        var failures: [String] = []
        // Sessions of edits on one file each, so the cache carries over many versions.
        let perFile = 20
        var done = 0
        var session = 0
        while done < Self.edits && failures.isEmpty {
            let original = files[session % files.count]
            session += 1
            let cache = AnalysisCache()
            var previous = DocumentSnapshot.analyze(SourceText(original), options: .bundled, cache: cache)
            var history = [original]
            for step in 0..<min(perFile, Self.edits - done) {
                done += 1
                let text: String
                if history.count > 1 && random.next(below: 5) == 0 {
                    history.removeLast()  // undo
                    text = history.last!
                } else {
                    text = RandomEdit.apply(to: history.last!, random: &random)
                    history.append(text)
                }
                let source = SourceText(text)
                if YAMLParser.incrementalParse(source, previous: previous.yaml, limits: .default) != nil { spliced += 1 }
                let incremental = DocumentSnapshot.analyze(source, options: .bundled, cache: cache)
                previous = incremental
                totalReused += cache.statistics.reused
                let fresh = DocumentSnapshot.analyze(source, options: .bundled)
                let differences = SnapshotComparison.differences(incremental, fresh)
                if !differences.isEmpty {
                    failures.append("session \(session) step \(step) (seed \(Self.seed)):\n" + differences.prefix(5).joined(separator: "\n")
                                    + "\n--- text ---\n" + text)
                    break
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.first ?? "")")
        // The property says nothing if nothing was ever reused or spliced.
        #expect(totalReused > done)
        #expect(spliced > done / 4)
    }
}

/// Edits an author makes while typing: characters inserted or deleted inside `${…}` and
/// elsewhere, whole lines duplicated or removed.
enum RandomEdit {
    static let alphabet = Array("abcxyz.$[]{}()\"' :-_#\n0123456789+*!?=éß".unicodeScalars)

    static func apply(to text: String, random: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        let position = pickPosition(bytes, random: &random)
        switch random.next(below: 10) {
        case 0..<4:  // insert one to three characters
            var inserted = ""
            for _ in 0...random.next(below: 3) { inserted.unicodeScalars.append(alphabet[random.next(below: alphabet.count)]) }
            bytes.insert(contentsOf: Array(inserted.utf8), at: position)
        case 4..<7:  // delete one to four bytes
            let end = min(bytes.count, position + 1 + random.next(below: 4))
            bytes.removeSubrange(position..<end)
        case 7..<9:  // replace one byte by a letter
            if position < bytes.count { bytes[position] = UInt8(ascii: "a") + UInt8(random.next(below: 26)) }
        default:  // duplicate or remove the line at the position
            let lineStart = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let lineEnd = bytes[position...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            if random.next(below: 2) == 0 {
                bytes.insert(contentsOf: Array(bytes[lineStart..<lineEnd]), at: lineStart)
            } else {
                bytes.removeSubrange(lineStart..<lineEnd)
            }
        }
        // Keep the text valid UTF-8 (a deletion may cut a character): decoding repairs it.
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Half the time inside an expression (right after a `${`), otherwise anywhere.
    static func pickPosition(_ bytes: [UInt8], random: inout SplitMix64) -> Int {
        if random.next(below: 2) == 0 {
            var starts: [Int] = []
            for i in 0..<max(0, bytes.count - 1) where bytes[i] == UInt8(ascii: "$") && bytes[i + 1] == UInt8(ascii: "{") {
                starts.append(i + 2)
            }
            if !starts.isEmpty {
                let start = starts[random.next(below: starts.count)]
                return min(bytes.count, start + random.next(below: 12))
            }
        }
        return random.next(below: bytes.count + 1)
    }
}

/// What differs between two snapshots of the same text, readably.
enum SnapshotComparison {
    static func differences(_ a: DocumentSnapshot, _ b: DocumentSnapshot) -> [String] {
        var out: [String] = []
        if a.yaml.documents != b.yaml.documents { out.append("YAML trees differ") }
        if a.yaml.errors != b.yaml.errors { out.append("YAML errors differ") }
        if a.diagnostics != b.diagnostics {
            out.append("diagnostics differ:\n  incremental \(a.diagnostics.map(describe))\n  fresh       \(b.diagnostics.map(describe))")
        }
        guard a.rgds.count == b.rgds.count else { return out + ["RGD count \(a.rgds.count) vs \(b.rgds.count)"] }
        for (x, y) in zip(a.rgds, b.rgds) {
            if x.documentRange != y.documentRange { out.append("document range differs") }
            if x.diagnostics != y.diagnostics { out.append("RGD diagnostics differ") }
            if x.graph.nodes != y.graph.nodes || x.graph.edges != y.graph.edges
                || x.graph.cycles != y.graph.cycles || x.graph.topologicalOrder != y.graph.topologicalOrder {
                out.append("graphs differ")
            }
            if x.symbols.occurrences != y.symbols.occurrences { out.append("symbol occurrences differ") }
            if x.symbols.symbols.mapValues(\.definition) != y.symbols.symbols.mapValues(\.definition) {
                out.append("symbol definitions differ")
            }
            if x.analysis.referencedKindKeys != y.analysis.referencedKindKeys { out.append("referenced kinds differ") }
            if x.analysis.statusSchemas.map(\.path) != y.analysis.statusSchemas.map(\.path) { out.append("status schemas differ") }
            guard x.expressions.count == y.expressions.count else {
                out.append("expression count \(x.expressions.count) vs \(y.expressions.count)")
                continue
            }
            for (e, f) in zip(x.expressions, y.expressions) {
                let (p, q) = (e.expression, f.expression)
                if p.celText != q.celText || p.scalar != q.scalar || p.matchRanges != q.matchRanges
                    || p.references != q.references || p.kind != q.kind || p.path != q.path
                    || p.textMap != q.textMap || p.isUnterminated != q.isUnterminated || (p.parsed == nil) != (q.parsed == nil) {
                    out.append("expression \(e.index) differs: \(p.celText) at \(p.scalar.range) vs \(q.celText) at \(q.scalar.range)")
                }
                if e.check?.result.types != f.check?.result.types || e.check?.result.references != f.check?.result.references
                    || e.check?.result.type != f.check?.result.type {
                    out.append("check of expression \(e.index) (\(p.celText)) differs")
                }
            }
        }
        return out
    }

    static func describe(_ d: Diagnostic) -> String { "\(d.code)@\(d.range) \(d.message.prefix(60))" }
}
