import CEL

/// How CEL functions and macros read in completion, hover and signature help: the same
/// text from the one declaration entry (doc, signatures, examples).
enum FunctionDocs {
    /// Functions authors call by name (not operators, not internal helpers).
    static func isCallableByName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return !name.contains("@")
    }

    static func markdown(name: String, _ doc: String, _ overloads: [OverloadDecl]) -> String {
        var lines = ["```cel"] + overloads.map { $0.signature(name: name) } + ["```"]
        if !doc.isEmpty { lines += ["", doc] }
        let examples = overloads.flatMap(\.examples)
        if !examples.isEmpty { lines += ["", "Examples:", "```cel"] + examples + ["```"] }
        return lines.joined(separator: "\n")
    }

    static func markdown(_ macro: MacroDecl) -> String {
        var lines = ["```cel"] + macro.signatures + ["```", "", macro.doc + " (macro)"]
        if !macro.examples.isEmpty { lines += ["", "Examples:", "```cel"] + macro.examples + ["```"] }
        return lines.joined(separator: "\n")
    }

    /// `name()` or `name(${1})` when the call takes arguments.
    static func callSnippet(_ name: String, arguments: Int) -> String {
        arguments > 0 ? "\(name)($1)" : "\(name)()"
    }
}
