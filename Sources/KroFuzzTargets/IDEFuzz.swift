import KroEngine
import KroIDE
import YAMLSyntax

/// The editor requests, functions of (snapshot, offset), on a file: completion, hover,
/// definition, references, highlights, rename, signature help and selection ranges at every
/// offset of a small input (a client with the UTF-8 position encoding can name any byte),
/// at 48 offsets spread over a larger one; semantic tokens, folding, inlay hints, outline,
/// code lenses and code actions once. Every range they return lies inside the file; tokens
/// come in order without overlap; selection steps nest; rename edits do not overlap.
enum IDEFuzz {
    /// Inputs up to this size are asked at every offset.
    static let everyOffsetLimit = 512
    static let spreadOffsets = 48

    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let snapshot = DocumentSnapshot.analyze(SourceText(bytes: input), options: EngineFuzz.options)
        let count = input.count
        for offset in offsets(input) {
            at(offset, snapshot, count, &v)
            // One finding per input is enough to reproduce; the rest would repeat it.
            if !v.list.isEmpty { return v.list }
        }
        whole(snapshot, count, &v)
        return v.list
    }

    /// Every offset of a small input; else the ends and `spreadOffsets` offsets from a
    /// generator seeded by the input (the same input is asked at the same offsets).
    static func offsets(_ input: [UInt8]) -> [Int] {
        let count = input.count
        if count <= everyOffsetLimit { return Array(0...count) }
        var state = input.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        var out = [0, count]
        for _ in 0..<spreadOffsets {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(Int((state >> 33) % UInt64(count + 1)))
        }
        return out
    }

    static func at(_ offset: Int, _ snapshot: DocumentSnapshot, _ count: Int, _ v: inout Violations) {
        let here = "at \(offset)"
        for item in Completion.items(snapshot, at: offset, store: EngineFuzz.options.schemaStore) {
            v.expectInside(item.range, count, "completion '\(item.label.prefix(40))' \(here)")
            v.expect(!item.label.isEmpty, "a completion item without a label \(here)")
        }
        if let hover = Hover.info(snapshot, at: offset) {
            v.expectInside(hover.range, count, "hover \(here)")
            v.expect(!hover.markdown.isEmpty, "an empty hover \(here)")
        }
        for r in Navigation.definition(snapshot, at: offset) { v.expectInside(r, count, "definition \(here)") }
        for r in Navigation.references(snapshot, at: offset, includeDeclaration: true) {
            v.expectInside(r, count, "reference \(here)")
        }
        for h in Navigation.highlights(snapshot, at: offset) { v.expectInside(h.range, count, "highlight \(here)") }
        if case .success(let (range, name)) = Rename.prepare(snapshot, at: offset) {
            v.expectInside(range, count, "rename range \(here)")
            v.expect(range.start <= offset && offset <= range.end, "rename range \(range.start)..<\(range.end) does not hold \(here)")
            v.expect(!name.isEmpty, "rename of an empty name \(here)")
        }
        if case .success(let edits) = Rename.edits(snapshot, at: offset, newName: "renamedByFuzz") {
            for e in edits { v.expectInside(e.range, count, "rename edit \(here)") }
            let sorted = edits.map(\.range).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            v.expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.end <= $1.start }, "rename edits overlap \(here)")
        }
        if let help = SignatureHelp.help(snapshot, at: offset) {
            v.expect(help.signatures.isEmpty || help.signatures.indices.contains(help.activeSignature),
                     "signature help's active signature \(help.activeSignature) of \(help.signatures.count) \(here)")
            for s in help.signatures {
                let width = s.label.utf16.count
                v.expect(s.parameters.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= width },
                         "a parameter outside the signature label '\(s.label.prefix(60))' \(here)")
            }
        }
        let steps = SelectionRanges.ranges(snapshot, at: offset)
        for r in steps { v.expectInside(r, count, "selection range \(here)") }
        v.expect(zip(steps, steps.dropFirst()).allSatisfy { $1.start <= $0.start && $0.end <= $1.end && $0 != $1 },
                 "selection ranges do not nest \(here): \(steps.map { "\($0.start)..<\($0.end)" })")
    }

    static func whole(_ snapshot: DocumentSnapshot, _ count: Int, _ v: inout Violations) {
        let bytes = snapshot.source.bytes
        let tokens = SemanticTokens.tokens(snapshot)
        for t in tokens {
            v.expectInside(t.range, count, "semantic token \(t.type)")
            if t.range.start >= 0, t.range.start <= t.range.end, t.range.end <= count {
                v.expect(!bytes[t.range.start..<t.range.end].contains(UInt8(ascii: "\n")),
                         "semantic token \(t.range.start)..<\(t.range.end) spans a line break")
            }
        }
        v.expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.range.end <= $1.range.start },
                 "semantic tokens overlap or are out of order")
        let lines = snapshot.source.lineCount
        for f in FoldingRanges.ranges(snapshot) {
            v.expect(0 <= f.startLine && f.startLine <= f.endLine && f.endLine < lines,
                     "folding range \(f.startLine)...\(f.endLine) outside 0..<\(lines) lines")
        }
        for hint in InlayHints.hints(snapshot, in: TextRange(start: 0, end: count)) {
            v.expect(0 <= hint.offset && hint.offset <= count, "inlay hint at \(hint.offset) outside 0...\(count)")
            v.expect(!hint.label.isEmpty, "an inlay hint without a label")
        }
        func visit(_ symbols: [DocumentSymbol]) {
            for s in symbols {
                v.expectInside(s.range, count, "symbol '\(s.name.prefix(40))'")
                v.expect(s.range.start <= s.selectionRange.start && s.selectionRange.end <= s.range.end,
                         "symbol '\(s.name.prefix(40))' selection outside its range")
                visit(s.children)
            }
        }
        visit(DocumentSymbols.outline(snapshot))
        for lens in CodeLenses.lenses(snapshot) {
            v.expectInside(lens.range, count, "code lens '\(lens.title.prefix(40))'")
            v.expect(snapshot.rgds.indices.contains(lens.rgdIndex), "code lens for RGD \(lens.rgdIndex) of \(snapshot.rgds.count)")
        }
        for action in CodeActions.actions(snapshot, range: TextRange(start: 0, end: count)) {
            for e in action.edits { v.expectInside(e.range, count, "code action '\(action.title.prefix(40))'") }
        }
    }
}
