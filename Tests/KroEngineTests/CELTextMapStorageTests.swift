import CEL
import Foundation
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// `CELTextMap` keeps a standalone expression's one piece inline and a template's pieces as
/// 20-byte `UInt32` pieces: it must give the pieces `StringTemplate` built and answer
/// `fileRange` and `celOffset` exactly as a map over the plain pieces did, for every span
/// and offset of every expression (corpus, generated, escapes, non-ASCII, CRLF, unterminated).
@Suite struct CELTextMapStorageTests {
    /// A piece with plain `Int` fields: what the map stored before.
    struct PlainPiece: Equatable {
        var celStart, celLength, valueStart, valueLength: Int
        var verbatim: Bool
    }

    /// The map's answers computed over plain pieces, as before the compact storage.
    struct PlainMap {
        var pieces: [PlainPiece]
        var scalarMap: ScalarSourceMap

        func fileRange(_ span: SourceSpan) -> TextRange {
            let start = valueOffset(span.start, isEnd: false)
            let end = span.isEmpty ? start : valueOffset(span.end, isEnd: true)
            return scalarMap.sourceRange(forValueRange: start..<max(start, end))
        }

        func valueOffset(_ cel: Int, isEnd: Bool) -> Int {
            guard let last = pieces.last else { return 0 }
            if cel >= last.celStart + last.celLength { return last.valueStart + last.valueLength }
            let piece = (isEnd ? pieces.last { $0.celStart < cel } : pieces.last { $0.celStart <= cel }) ?? pieces[0]
            if piece.verbatim { return piece.valueStart + min(cel - piece.celStart, piece.valueLength) }
            return isEnd ? piece.valueStart + piece.valueLength : piece.valueStart
        }

        func celOffset(forValueOffset value: Int) -> Int? {
            for piece in pieces where piece.verbatim
                && piece.valueStart <= value && value <= piece.valueStart + piece.valueLength {
                return piece.celStart + (value - piece.valueStart)
            }
            return nil
        }
    }

    static func plain(_ p: CELTextMap.Piece) -> PlainPiece {
        PlainPiece(celStart: p.celStart, celLength: p.celLength, valueStart: p.valueStart,
                   valueLength: p.valueLength, verbatim: p.verbatim)
    }

    /// Compares every expression's map with the plain one; returns how many were compared.
    static func compare(_ text: String, _ name: String, every: Bool = false) -> Int {
        let source = SourceText(text)
        let snapshot = DocumentSnapshot.analyze(source, options: .bundled)
        var compared = 0
        for rgd in snapshot.rgds {
            for r in rgd.rgd.resources {
                var collector = ExpressionCollector()
                collector.collect(r)
                for e in collector.expressions + collector.unterminated {
                    compared += 1
                    let built = StringTemplate.celText(value: e.scalar.value, matches: e.matches,
                                                       standalone: e.form == .standalone)
                    let expected = PlainMap(pieces: built.pieces.map(plain), scalarMap: e.scalar.sourceMap)
                    #expect(e.textMap.pieces.map(plain) == expected.pieces, "\(name): pieces of \(e.celText)")
                    // A standalone expression's map holds no array (an unterminated `${` not at
                    // the value's start keeps one); a template's was sized exactly.
                    let single = e.form == .standalone && built.pieces.first?.valueStart == 2
                    #expect(e.textMap.pieces.stored.isEmpty == single, "\(name): \(e.celText)")
                    if e.form == .stringTemplate {
                        #expect(StringTemplate.pieceCount(e.matches, length: e.scalar.value.utf8.count) == built.pieces.count,
                                "\(name): \(e.celText)")
                    }
                    let celLength = e.celText.utf8.count
                    // Every offset (crafted texts), or each piece's edges and their neighbours
                    // and some offsets between (the corpus: thousands of expressions).
                    let offsets = every ? Array(0...celLength + 2) : Self.sampled(expected.pieces, celLength)
                    for start in offsets {
                        for end in offsets where end >= start {
                            let span = SourceSpan(start: start, end: end)
                            if e.fileRange(span) != expected.fileRange(span) {
                                Issue.record("\(name): \(e.celText) span \(start)..<\(end)")
                                return compared
                            }
                        }
                    }
                    for value in 0...e.scalar.value.utf8.count + 1 {
                        #expect(e.textMap.celOffset(forValueOffset: value) == expected.celOffset(forValueOffset: value),
                                "\(name): \(e.celText) value offset \(value)")
                    }
                }
            }
        }
        return compared
    }

    /// Each piece's edges and their neighbours, and every seventh offset (at most 17 of them).
    static func sampled(_ pieces: [PlainPiece], _ celLength: Int) -> [Int] {
        var offsets = Set(stride(from: 0, through: celLength + 2, by: max(7, celLength / 16)))
        for p in pieces {
            for edge in [p.celStart, p.celStart + p.celLength] {
                for o in edge - 1...edge + 1 where o >= 0 { offsets.insert(o) }
            }
        }
        return offsets.sorted()
    }

    @Test func corpusAndGeneratedRGDs() throws {
        let compared = try RGDCorpusTests.sumOverCorpusAndGenerated(generated: 20, generatedCRLF: 6) { Self.compare($0, $1) }
        #expect(compared > 1_000)
    }

    @Test(arguments: [false, true])
    func escapesNonASCIIAndUnterminated(crlf: Bool) {
        var text = rgd("""
          resources:
          - id: a
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: "é-${schema.spec.name}-ü"
              data:
                b: "\\t\\u00e9${schema.spec.name + \\"\\\\u00e9\\"}x${'y'}"
                c: ${schema.spec.name}
                d: |
                  line ${schema.spec.name}
                e: ëx-${schema.spec.
                f: "${}"
                g: ${"quoted \\" ${x}"}
        """)
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        #expect(Self.compare(text, crlf ? "crafted CRLF" : "crafted", every: true) >= 7)
    }

    @Test func pieceOffsetsRoundTripAndPackInTwentyBytes() {
        #expect(MemoryLayout<CELTextMap.Piece>.stride == 20)
        // No larger inline than the array and source map it had.
        #expect(MemoryLayout<CELTextMap>.size <= 8 + MemoryLayout<ScalarSourceMap>.stride)
        let p = CELTextMap.Piece(celStart: 70_000_000, celLength: 3, valueStart: 67_108_864, valueLength: 0,
                                 verbatim: false)
        #expect(Self.plain(p) == PlainPiece(celStart: 70_000_000, celLength: 3, valueStart: 67_108_864,
                                            valueLength: 0, verbatim: false))
    }
}
