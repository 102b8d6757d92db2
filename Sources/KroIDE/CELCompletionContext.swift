import CEL
import KroEngine
import YAMLSyntax

/// Where the cursor is inside a `${…}` (closed or still being typed), read from the text
/// before it: the identifier being typed and, after a `.`, the receiver expression.
struct CELCompletionContext {
    let rgd: RGDSnapshot
    let offset: Int
    /// The expression at the cursor (nil while its `${` is unclosed).
    let expression: SnapshotExpression?
    /// Where the expression sits (template, readyWhen, …), from the expression or the YAML path.
    let kind: ExpressionKind
    let resource: RGDResource?
    /// The CEL text from the `${` to the cursor.
    let prefix: [UInt8]
    /// The identifier being typed, and the file range it covers.
    let partial: String
    let replace: TextRange
    /// The text of the receiver before `.` / `.?` (nil at the top level).
    let receiver: String?

    init?(snapshot: DocumentSnapshot, offset: Int) {
        let bytes = snapshot.source.bytes
        guard let rgd = snapshot.rgd(at: offset), let open = Self.openExpressionStart(bytes, before: offset) else { return nil }
        let at = snapshot.lookup(at: offset)
        self.rgd = rgd
        self.offset = offset
        self.expression = at.expression ?? rgd.expression(at: offset)
        self.resource = expression?.expression.resourceIndex.flatMap { i in rgd.rgd.resources.first { $0.index == i } }
            ?? rgd.resource(at: offset)
        self.kind = expression?.kind ?? Self.kind(keys: at.yamlKeys, resource: resource)
        let prefix = Array(bytes[open..<offset])
        self.prefix = prefix
        var start = prefix.count
        while start > 0, CELText.isIdentifier(prefix[start - 1]) { start -= 1 }
        self.partial = String(decoding: prefix[start...], as: UTF8.self)
        self.replace = TextRange(start: offset - (prefix.count - start), end: offset)
        // `a.b`, or the optional selection `a.?b`.
        var dot = start
        if dot > 1, prefix[dot - 1] == UInt8(ascii: "?"), prefix[dot - 2] == UInt8(ascii: ".") {
            dot -= 2
        } else if dot > 0, prefix[dot - 1] == UInt8(ascii: ".") {
            dot -= 1
        } else {
            self.receiver = nil
            return
        }
        let text = String(decoding: prefix[CELText.chainStart(prefix, before: dot)..<dot], as: UTF8.self)
        self.receiver = text.isEmpty ? nil : text
        if text.utf8.allSatisfy(CELText.isDigit), !text.isEmpty { return nil }  // `1.` is a number
    }

    /// The offset after the `${` that encloses `offset` on its line, if any.
    static func openExpressionStart(_ bytes: [UInt8], before offset: Int) -> Int? {
        var depth = 0
        var i = offset - 1
        while i >= 0, bytes[i] != UInt8(ascii: "\n") {
            switch bytes[i] {
            case UInt8(ascii: "}"): depth += 1
            case UInt8(ascii: "{"):
                if depth == 0 { return i > 0 && bytes[i - 1] == UInt8(ascii: "$") ? i + 1 : nil }
                depth -= 1
            default: break
            }
            i -= 1
        }
        return nil
    }

    /// The expression kind of a YAML position (while the expression does not parse yet).
    static func kind(keys: [YAMLPathStep.Key], resource: RGDResource?) -> ExpressionKind {
        let names = keys.compactMap { if case .key(let k) = $0 { k } else { nil } }
        if names.starts(with: ["spec", "schema", "status"]) { return .status }
        if names.contains("readyWhen") { return .readyWhen }
        if names.contains("includeWhen") { return .includeWhen }
        if names.contains("externalRef") { return .externalRef }
        if names.contains("forEach"), let last = names.last { return .forEach(iterator: last) }
        return .template
    }

    /// The environment to type the receiver in: the expression's own, else one of a
    /// sibling of the same resource, else the RGD's.
    var environment: CELEnvironment {
        if let env = expression?.environment { return env }
        if let r = resource, kind == .template,
           let env = rgd.expressions.first(where: { $0.expression.resourceIndex == r.index && $0.kind == .template })?.environment {
            return env
        }
        var extra: [String: CELType] = [:]
        if kind == .template { for d in resource?.forEach ?? [] { extra[d.name.value] = .dyn } }
        if kind == .readyWhen, resource?.nodeType == .collection, let id = resource?.id?.value {
            extra["each"] = rgd.typeContext.itemTypes[id] ?? .dyn
        }
        return rgd.typeContext.environment(adding: extra)
    }
}

/// Byte classes and scanning of CEL text.
enum CELText {
    static func isIdentifier(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || isDigit(b) || b == UInt8(ascii: "_")
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The start of the member chain ending at `end` (`a.b[0].c(x)?.d`): identifiers, dots,
    /// `?`, and balanced brackets and parentheses.
    static func chainStart(_ text: [UInt8], before end: Int) -> Int {
        var i = end
        while i > 0 {
            let b = text[i - 1]
            if isIdentifier(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "?") {
                i -= 1
            } else if b == UInt8(ascii: "]") || b == UInt8(ascii: ")") {
                guard let open = matchingOpen(text, close: i - 1) else { return i }
                i = open
            } else {
                break
            }
        }
        return i
    }

    private static func matchingOpen(_ text: [UInt8], close: Int) -> Int? {
        var depth = 0
        var i = close
        while i >= 0 {
            switch text[i] {
            case UInt8(ascii: "]"), UInt8(ascii: ")"): depth += 1
            case UInt8(ascii: "["), UInt8(ascii: "("):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i -= 1
        }
        return nil
    }
}
