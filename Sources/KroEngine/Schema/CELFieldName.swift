/// Kubernetes-style escaping of property names into CEL field names (cel.md §6).
public enum CELFieldName {
    /// CEL words that cannot be used as plain field names.
    static let reservedWords: Set<String> = [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function",
        "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// The CEL name of a property, or nil when the property is not reachable from CEL
    /// (empty, starts with a digit, or holds characters outside `[A-Za-z0-9_./-]`).
    /// `__` becomes `__underscores__` (left to right), `.` `__dot__`, `-` `__dash__`,
    /// `/` `__slash__`. Called for every property of every described type, so it scans the
    /// bytes once and returns the name itself when nothing needs escaping.
    public static func escape(_ name: String) -> String? {
        if reservedWords.contains(name) { return "__\(name)__" }
        var contiguous = name
        return contiguous.withUTF8 { escape(name, bytes: $0) }
    }

    private static func escape(_ name: String, bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = bytes.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        var plain = true
        var previousUnderscore = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousUnderscore = false
            case UInt8(ascii: "_"):
                if previousUnderscore { plain = false }
                previousUnderscore = true
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"):
                plain = false
                previousUnderscore = false
            default:
                return nil
            }
        }
        if plain { return name }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "_"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "_") {
                out += "__underscores__".utf8
                i += 2
                continue
            }
            switch byte {
            case UInt8(ascii: "."): out += "__dot__".utf8
            case UInt8(ascii: "-"): out += "__dash__".utf8
            case UInt8(ascii: "/"): out += "__slash__".utf8
            default: out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The property whose CEL name is `field`, when there is one: the escapes read back (a
    /// keyword's, or each `__underscores__`, `__dot__`, `__dash__` and `__slash__`, left to
    /// right, a `_` that starts none kept as it is), then checked by escaping again. Escaping
    /// is one-to-one, so no other property has this CEL name: a lookup by it replaces a scan
    /// of every property (a CRD of a million properties was scanned for each field looked up).
    public static func property(named field: String) -> String? {
        if field.count > 4, field.hasPrefix("__"), field.hasSuffix("__") {
            let word = String(field.dropFirst(2).dropLast(2))
            if reservedWords.contains(word) { return word }
        }
        guard field.utf8.contains(UInt8(ascii: "_")) else { return escape(field) == field ? field : nil }
        let bytes = Array(field.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        reading: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "_") {
                for (escaped, raw) in escapes where bytes[i...].starts(with: escaped) {
                    out += raw
                    i += escaped.count
                    continue reading
                }
            }
            out.append(bytes[i])
            i += 1
        }
        let name = String(decoding: out, as: UTF8.self)
        return escape(name) == field ? name : nil
    }

    private static let escapes: [(escaped: [UInt8], raw: [UInt8])] = [
        ("__underscores__", "__"), ("__dot__", "."), ("__dash__", "-"), ("__slash__", "/"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    /// Names under which a property is also reachable: kro resolves `x.namespace` to
    /// `__namespace__`, so keyword-named fields that the parser accepts after a dot are
    /// offered under their plain name too.
    static func aliases(of name: String) -> [String] {
        guard reservedWords.contains(name), !["true", "false", "null", "in"].contains(name) else { return [] }
        return [name]
    }
}
