/// The SimpleSchema markers kro knows (case-sensitive), simpleschema.md §4.2.
enum MarkerKind: String, CaseIterable, Sendable, Hashable {
    case required, `default`, description, minimum, maximum, validation, `enum`, immutable,
         pattern, uniqueItems, minLength, maxLength, minItems, maxItems, listType, listMapKey
}

/// One `key=value` marker with where its parts are written (scalar indices of the field
/// string's `CharText`).
struct LexedMarker: Hashable, Sendable {
    var kind: MarkerKind
    /// The value after kro's `processValue` (quotes stripped and unescaped, or trimmed).
    var value: String
    var keySpan: CharSpan
    /// The raw value as written, quotes included (may be empty).
    var valueSpan: CharSpan
}

struct MarkerLexError: Error, Hashable {
    var code: String
    var message: String
    var span: CharSpan
    /// The marker key that was most likely meant (KRO112).
    var suggestion: String? = nil
}

/// kro's marker lexer (simpleschema.md §4.1), reproduced character by character because
/// its quirks (the uncleared buffer, `key= value`) decide which inputs are errors.
enum MarkerLexer {
    /// Lexes `text[span]` (the marker part after the first `|`). `pipe` is the index of
    /// that `|`, used to place the error of an empty marker part.
    static func lex(_ text: CharText, _ span: CharSpan, pipe: Int) -> Result<[LexedMarker], MarkerLexError> {
        var result: [LexedMarker] = []
        var current: (kind: MarkerKind, keySpan: CharSpan)?
        var inQuotes = false
        var escaped = false
        var openers: [Int] = []      // indices of unclosed `[`/`{` (outside quotes)
        var quoteStart = -1
        // A key's characters as UTF-8 bytes (appending to a `String.UnicodeScalarView` cost
        // ~100 instructions a character). A value's characters are contiguous (a space
        // outside quotes and brackets ends it), so it is only delimited and read at the end:
        // an `enum=` of a million values is not copied character by character.
        var buffer: [UInt8] = []
        var bufFirst = -1, bufLast = -1

        func append(_ i: Int) {
            if current == nil {
                let u = text[i]
                if u.isASCII { buffer.append(UInt8(truncatingIfNeeded: u.value)) } else { buffer.append(contentsOf: UTF8.encode(u)!) }
            }
            if bufFirst < 0 { bufFirst = i }
            bufLast = i
        }
        func reset() { buffer.removeAll(keepingCapacity: true); bufFirst = -1; bufLast = -1 }
        func bufferSpan(orAt i: Int) -> CharSpan {
            bufFirst < 0 ? CharSpan(lo: i, hi: i) : CharSpan(lo: bufFirst, hi: bufLast + 1)
        }
        func emit(_ marker: (kind: MarkerKind, keySpan: CharSpan), at i: Int) -> MarkerLexError? {
            let (lo, hi) = bufFirst < 0 ? (i, i) : (bufFirst, bufLast + 1)
            guard let value = processValue(text, lo, hi) else {
                return MarkerLexError(code: "KRO114", message: "unclosed quote", span: bufferSpan(orAt: i))
            }
            result.append(LexedMarker(kind: marker.kind, value: value, keySpan: marker.keySpan,
                                      valueSpan: bufferSpan(orAt: i)))
            return nil
        }

        var i = span.lo
        while i < span.hi {
            let c = text[i]
            if c == "=" && current == nil && !inQuotes && openers.isEmpty {
                let key = String(decoding: buffer, as: UTF8.self)
                let trimmedKey = CharText.trimSpace(key)
                let keySpan = bufferSpan(orAt: i)
                if trimmedKey.isEmpty {
                    return .failure(MarkerLexError(code: "KRO111", message: "empty marker key",
                                                   span: CharSpan(lo: i, hi: i + 1)))
                }
                guard let kind = MarkerKind(rawValue: trimmedKey) else {
                    let suggestion = SchemaSuggestions.marker(for: trimmedKey)
                    return .failure(MarkerLexError(
                        code: "KRO112",
                        message: "invalid marker key \(GoStrconv.quote(trimmedKey)): unknown marker: \(trimmedKey)"
                            + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""),
                        span: keySpan, suggestion: suggestion))
                }
                current = (kind, keySpan)
                reset()
            } else if c == "\"" && !escaped {
                inQuotes.toggle()
                if inQuotes { quoteStart = i }
                append(i)
            } else if c == "\\" && inQuotes && !escaped {
                escaped = true
                append(i)
            } else if (c == "{" || c == "[") && !inQuotes {
                openers.append(i)
                append(i)
            } else if (c == "}" || c == "]") && !inQuotes {
                append(i)
                if openers.isEmpty {
                    return .failure(MarkerLexError(code: "KRO115", message: "unmatched closing bracket/brace",
                                                   span: CharSpan(lo: i, hi: i + 1)))
                }
                openers.removeLast()
            } else if CharText.isSpace(c) && !inQuotes && openers.isEmpty {
                if let marker = current {
                    if let error = emit(marker, at: i) { return .failure(error) }
                    current = nil
                    reset()
                }
            } else {
                if escaped && inQuotes { escaped = false }
                append(i)
            }
            i += 1
        }

        if let marker = current {
            if !inQuotes, let error = emit(marker, at: span.hi) { return .failure(error) }
        } else {
            let word = String(decoding: buffer, as: UTF8.self)
            let at = bufFirst < 0 ? CharSpan(lo: pipe, hi: pipe + 1) : bufferSpan(orAt: span.hi)
            return .failure(MarkerLexError(code: "KRO113", message: "marker key '\(word)' without a value", span: at))
        }
        if inQuotes {
            return .failure(MarkerLexError(code: "KRO114", message: "unclosed quote",
                                           span: CharSpan(lo: max(quoteStart, span.lo), hi: span.hi)))
        }
        if let opener = openers.first {
            return .failure(MarkerLexError(code: "KRO116", message: "unclosed bracket/brace",
                                           span: CharSpan(lo: opener, hi: span.hi)))
        }
        return .success(result)
    }

    /// kro's `processValue` of `text[lo..<hi]`: a value written in double quotes is
    /// unquoted and unescaped (`\"` → `"`, `\\` → `\`, other escapes kept as written);
    /// anything else is trimmed. nil for a lone `"`, which makes upstream panic (reported as
    /// an unclosed quote). Read in place: a copy of the raw value first was one more copy of
    /// a 10 MB description.
    static func processValue(_ text: CharText, _ lo: Int, _ hi: Int) -> String? {
        guard hi > lo, text[lo] == "\"", text[hi - 1] == "\"" else {
            let (a, b) = text.trimmed(lo, hi)
            return text.string(a, b)
        }
        guard hi - lo >= 2 else { return nil }
        // Bytes, as kro walks them: `"` and `\\` are ASCII, so no character is split.
        // Unescaping only shortens, so the result is written in place of a copy.
        return text.withUTF8(lo + 1, hi - 1) { inner in
            String(unsafeUninitializedCapacity: inner.count) { out in
                var n = 0
                var escaped = false
                for byte in inner {
                    if escaped {
                        if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") { out[n] = UInt8(ascii: "\\"); n += 1 }
                        out[n] = byte; n += 1
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else {
                        out[n] = byte; n += 1
                    }
                }
                return n
            }
        }
    }
}
