import CEL
/// Builds the CEL text kro compiles for a string value (rgd.md §8.3) and the map from
/// that text back to the value: standalone → the inner text; template → literal pieces
/// as Go-quoted CEL strings and each expression in parentheses, joined by ` + `.
enum StringTemplate {
    static func celText(value: String, matches: [ExpressionMatch], standalone: Bool)
        -> (text: String, pieces: [CELTextMap.Piece])
    {
        if standalone, let m = matches.first {
            let inner = m.text
            return (inner, [.init(celStart: 0, celLength: inner.utf8.count, valueStart: m.innerStart,
                                  valueLength: inner.utf8.count, verbatim: true)])
        }
        let bytes = Array(value.utf8)
        var text = ""
        var pieces: [CELTextMap.Piece] = []
        // Exactly as many as `emit` makes below: kept per expression, grown by appending
        // the array had up to twice the room.
        pieces.reserveCapacity(pieceCount(matches, length: bytes.count))
        func emit(_ s: String, valueStart: Int, valueLength: Int, verbatim: Bool) {
            pieces.append(.init(celStart: text.utf8.count, celLength: s.utf8.count, valueStart: valueStart,
                                valueLength: valueLength, verbatim: verbatim))
            text += s
        }
        /// ` + ` between parts; it stands for the point where the next part starts.
        func join(at valueOffset: Int) {
            if !text.isEmpty { emit(" + ", valueStart: valueOffset, valueLength: 0, verbatim: false) }
        }
        var cursor = 0
        for m in matches {
            if m.start > cursor {
                join(at: cursor)
                let literal = String(decoding: bytes[cursor..<m.start], as: UTF8.self)
                emit(goQuote(literal), valueStart: cursor, valueLength: m.start - cursor, verbatim: false)
            }
            join(at: m.start)
            emit("(", valueStart: m.start, valueLength: 2, verbatim: false)
            emit(m.text, valueStart: m.innerStart, valueLength: m.text.utf8.count, verbatim: true)
            emit(")", valueStart: m.innerEnd, valueLength: 1, verbatim: false)
            cursor = m.end
        }
        if cursor < bytes.count {
            join(at: cursor)
            let literal = String(decoding: bytes[cursor...], as: UTF8.self)
            emit(goQuote(literal), valueStart: cursor, valueLength: bytes.count - cursor, verbatim: false)
        }
        return (text, pieces)
    }

    /// How many pieces `celText` makes for a template: each literal run and each
    /// expression (`(`, text, `)`), with a ` + ` between parts.
    static func pieceCount(_ matches: [ExpressionMatch], length: Int) -> Int {
        var count = 0
        var cursor = 0
        for m in matches {
            if m.start > cursor { count += count == 0 ? 1 : 2 }
            count += count == 0 ? 3 : 4
            cursor = m.end
        }
        if cursor < length { count += count == 0 ? 1 : 2 }
        return count
    }

    /// kro quotes literal pieces with Go's `strconv.Quote`.
    static func goQuote(_ s: String) -> String { GoQuote.quote(s) }
}
