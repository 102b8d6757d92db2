import CEL
import KroEngine
import YAMLSyntax

/// The signatures of the CEL call around the cursor, which one applies and which argument
/// is being written.
public struct SignatureHelpInfo: Sendable, Hashable {
    public struct Signature: Sendable, Hashable {
        /// As the declaration table prints it: `string.startsWith(string) -> bool`.
        public var label: String
        /// Markdown: the function's or macro's doc and this form's examples.
        public var documentation: String
        /// Each parameter's place in `label`, in UTF-16 code units (what LSP counts in labels).
        public var parameters: [Range<Int>]
    }
    public var signatures: [Signature]
    public var activeSignature: Int
    public var activeParameter: Int
}

/// Signature help inside a CEL call: the call is found from the tokens before the cursor
/// (so it works while the arguments are half typed), its forms come from the one
/// declaration table (functions with docs and examples, macros), and the form the checker
/// resolved is active when it resolved one.
public enum SignatureHelp {
    public static func help(_ snapshot: DocumentSnapshot, at offset: Int) -> SignatureHelpInfo? {
        var at = snapshot.lookup(at: offset)
        if at.expression == nil {
            // `${f(a, |` at the end of a plain scalar: YAML leaves the trailing blanks out of it.
            var start = offset
            while start > 0, [0x20, 0x09].contains(snapshot.source.bytes[start - 1]) { start -= 1 }
            if start < offset { at = snapshot.lookup(at: start) }
        }
        guard let rgd = at.rgd, let e = at.expression, let cursor = at.celOffset,
              case let env = e.environment ?? rgd.typeContext.environment,
              let call = enclosingCall(in: e.celText, before: cursor, isDeclared: { env.lookupFunction($0) != nil }) else { return nil }
        var signatures: [SignatureHelpInfo.Signature] = []
        var resolved: Int?
        if let macro = MacroDecl.kro.first(where: { $0.name == call.name && $0.isMember == call.isMember }) {
            let doc = FunctionDocs.details(macro)
            signatures = macro.signatures.map { signature($0, name: macro.name, member: macro.isMember, doc: doc) }
        } else if let decl = env.lookupFunction(call.name) {
            let overloads = decl.overloads.filter { $0.isMemberFunction == call.isMember }
            let ids = Set(node(at: call.openParen, in: e).flatMap { e.reference(of: $0)?.overloadIDs } ?? [])
            resolved = overloads.firstIndex { ids.contains($0.id) }
            signatures = overloads.map { o in
                signature(o.signature(name: call.name), name: call.name, member: call.isMember,
                          doc: FunctionDocs.details(decl.doc, examples: o.examples))
            }
        }
        guard !signatures.isEmpty else { return nil }
        let active = resolved ?? signatures.firstIndex { $0.parameters.count > call.argument } ?? 0
        return SignatureHelpInfo(signatures: signatures, activeSignature: active, activeParameter: call.argument)
    }

    struct Call: Equatable {
        /// The function or macro name, qualified when written with a namespace (`cel.bind`).
        var name: String
        var isMember: Bool
        /// The CEL offset of the `(`.
        var openParen: Int
        /// Which argument the cursor is in (0-based).
        var argument: Int
    }

    /// The innermost call whose `(` is open before `cursor`: scanning back over balanced
    /// brackets, counting the commas of the call's own argument list.
    static func enclosingCall(in text: String, before cursor: Int, isDeclared: (String) -> Bool) -> Call? {
        let tokens = CELParser.tokens(text).filter { $0.span.start < cursor && $0.kind != .comment }
        let bytes = Array(text.utf8)
        func word(_ t: CELToken) -> String { String(decoding: bytes[t.span.start..<t.span.end], as: UTF8.self) }
        var depth = 0, commas = 0
        var i = tokens.count - 1
        while i >= 0 {
            let t = tokens[i]
            defer { i -= 1 }
            guard t.kind == .punctuation else { continue }
            switch word(t) {
            case ")", "]", "}": depth += 1
            case ",": if depth == 0 { commas += 1 }
            case "[", "{":
                // Inside a list or map literal: its commas are not the call's.
                if depth > 0 { depth -= 1 } else { commas = 0 }
            case "(":
                if depth > 0 { depth -= 1; continue }
                guard i >= 1, tokens[i - 1].kind == .identifier else { commas = 0; continue }
                let name = word(tokens[i - 1])
                let dotted = i >= 2 && word(tokens[i - 2]) == "." && tokens[i - 2].kind == .punctuation
                if dotted, i >= 3, tokens[i - 3].kind == .identifier, i < 4 || word(tokens[i - 4]) != "." {
                    // `cel.bind(`, `optional.of(`: a namespace, not a receiver, when such a name is declared.
                    let qualified = word(tokens[i - 3]) + "." + name
                    if MacroDecl.kro.contains(where: { $0.name == qualified }) || isDeclared(qualified) {
                        return Call(name: qualified, isMember: false, openParen: t.span.start, argument: commas)
                    }
                }
                return Call(name: name, isMember: dotted, openParen: t.span.start, argument: commas)
            default: break
            }
        }
        return nil
    }

    /// The call node whose `(` is at `openParen` (cel-go positions a call at its `(`).
    private static func node(at openParen: Int, in e: SnapshotExpression) -> Expr? {
        var found: Expr?
        e.parsed?.expr.walk { node, _ in
            if found != nil { return false }
            if case .call = node.kind, node.position == openParen { found = node; return false }
            return true
        }
        return found
    }

    /// A signature with its parameters located in the label: the argument list after the
    /// name, split at top-level commas (`map(K, V)` is one parameter).
    static func signature(_ label: String, name: String, member: Bool, doc: String) -> SignatureHelpInfo.Signature {
        let units = Array(label.utf16)
        let prefix = Array(((member ? "." : "") + name + "(").utf16)
        var parameters: [Range<Int>] = []
        if let at = (0...max(0, units.count - prefix.count)).first(where: { units[$0..<min(units.count, $0 + prefix.count)].elementsEqual(prefix) }) {
            var depth = 0, start = at + prefix.count
            var i = start
            while i < units.count {
                let u = units[i]
                if u == UInt16(UInt8(ascii: "(")) { depth += 1 }
                else if u == UInt16(UInt8(ascii: ")")) {
                    if depth == 0 { if i > start { parameters.append(start..<i) }; break }
                    depth -= 1
                } else if u == UInt16(UInt8(ascii: ",")), depth == 0 {
                    parameters.append(start..<i)
                    start = i + 1
                    while start < units.count, units[start] == UInt16(UInt8(ascii: " ")) { start += 1 }
                }
                i += 1
            }
        }
        return SignatureHelpInfo.Signature(label: label, documentation: doc, parameters: parameters)
    }
}
