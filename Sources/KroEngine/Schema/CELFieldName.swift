import Foundation

/// Kubernetes-style escaping of property names into CEL field names (cel.md §6).
public enum CELFieldName {
    /// CEL words that cannot be used as plain field names.
    static let reservedWords: Set<String> = [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function",
        "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// The CEL name of a property, or nil when the property is not reachable from CEL
    /// (empty, starts with a digit, or holds characters outside `[A-Za-z0-9_./-]`).
    public static func escape(_ name: String) -> String? {
        if reservedWords.contains(name) { return "__\(name)__" }
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return nil }
        for scalar in name.unicodeScalars {
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "." || scalar == "-" || scalar == "/"
            if !ok { return nil }
        }
        return name
            .replacingOccurrences(of: "__", with: "__underscores__")
            .replacingOccurrences(of: ".", with: "__dot__")
            .replacingOccurrences(of: "-", with: "__dash__")
            .replacingOccurrences(of: "/", with: "__slash__")
    }

    /// Names under which a property is also reachable: kro resolves `x.namespace` to
    /// `__namespace__`, so keyword-named fields that the parser accepts after a dot are
    /// offered under their plain name too.
    static func aliases(of name: String) -> [String] {
        guard reservedWords.contains(name), !["true", "false", "null", "in"].contains(name) else { return [] }
        return [name]
    }
}
