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
        markdown(signatures: overloads.map { $0.signature(name: name) }, details(doc, examples: overloads.flatMap(\.examples)))
    }

    static func markdown(_ macro: MacroDecl) -> String { markdown(signatures: macro.signatures, details(macro)) }

    private static func markdown(signatures: [String], _ details: String) -> String {
        (["```cel"] + signatures + ["```"]).joined(separator: "\n") + (details.isEmpty ? "" : "\n\n" + details)
    }

    /// The doc and examples without the signatures (signature help shows those apart).
    static func details(_ doc: String, examples: [String]) -> String {
        var lines = doc.isEmpty ? [] : [doc]
        if !examples.isEmpty { lines += [(lines.isEmpty ? "" : "\n") + "Examples:", "```cel"] + examples + ["```"] }
        return lines.joined(separator: "\n")
    }

    static func details(_ macro: MacroDecl) -> String { details(macro.doc + " (macro)", examples: macro.examples) }

    /// `name()` or `name(${1})` when the call takes arguments.
    static func callSnippet(_ name: String, arguments: Int) -> String {
        arguments > 0 ? "\(name)($1)" : "\(name)()"
    }
}
