/// Rewrites the internals kro's messages leak into the author's terms: the path-named
/// object types of the type checker (`list(__type_workers)` → `list(workers)`,
/// `__type_schema.spec.ports.@idx` → `schema.spec.ports[*]`) and the parser's `<EOF>`.
/// Applied once to every RGD diagnostic, so each stage keeps kro's wording otherwise.
enum AuthorTerms {
    static func rewrite(_ message: String) -> String {
        // Every marker holds `<EOF>` or `__`, and nearly no message does: a byte search says
        // so (`String.contains` of a string took ~60,000 instructions a message).
        guard mentions(message, "<EOF>") || mentions(message, "__") else { return message }
        var text = message
        if text.contains("<EOF>") {
            text = text.replacing("mismatched input '<EOF>'", with: "the expression ended early,")
                .replacing("'<EOF>'", with: "end of expression")
                .replacing("<EOF>", with: "end of expression")
        }
        if text.contains("__embedded_resource_metadata") {
            text = text.replacing(SchemaTypeProvider.embeddedMetadataTypeName, with: "metadata")
        }
        return text.contains("__type_") ? typeNames(in: text) : text
    }

    /// Whether `needle` occurs in `text`, byte for byte.
    private static func mentions(_ text: String, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        let bytes = Array(text.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return pattern.isEmpty }
        var at = 0
        while at <= bytes.count - pattern.count {
            if bytes[at] == first && bytes[at..<at + pattern.count].elementsEqual(pattern) { return true }
            at += 1
        }
        return false
    }

    /// `__type_<root>(.<segment>)*` → `<root>.<field>…` with `[*]` for list items and map values.
    private static func typeNames(in text: String) -> String {
        let marker = Array("__type_".utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "_") || b == UInt8(ascii: "@") || b == UInt8(ascii: "-")
                || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
        while i < bytes.count {
            guard bytes.count - i >= marker.count, Array(bytes[i..<i + marker.count]) == marker,
                  i == 0 || !isNameByte(bytes[i - 1]) else {
                out.append(bytes[i]); i += 1; continue
            }
            var j = i + marker.count
            var segments: [String] = []
            var current: [UInt8] = []
            while j < bytes.count {
                let b = bytes[j]
                if isNameByte(b) { current.append(b); j += 1; continue }
                // A dot continues the name only when a name byte follows it.
                if b == UInt8(ascii: "."), j + 1 < bytes.count, isNameByte(bytes[j + 1]) {
                    segments.append(String(decoding: current, as: UTF8.self)); current = []; j += 1; continue
                }
                break
            }
            segments.append(String(decoding: current, as: UTF8.self))
            var rendered = ""
            for (n, s) in segments.enumerated() {
                if s == "@idx" || s == "@elem" { rendered += "[*]" } else { rendered += (n == 0 ? "" : ".") + s }
            }
            out += Array(rendered.utf8)
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}
