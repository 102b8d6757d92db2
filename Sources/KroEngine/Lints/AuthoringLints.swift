import CEL
import YAMLSyntax

/// kro-lsp's own lints (errors.md, "Lints"): things kro accepts that do not do what the
/// author most likely means. Each finds its cause from the RGD and its parsed expressions.
enum AuthoringLints {
    /// The lints of single expressions; `resourceIDs`: the RGD's resource ids.
    static func check(_ expressions: [RGDExpression], resourceIDs: Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // By index, appending only findings: iterating copied each expression and
        // concatenated two arrays per expression, for lints that rarely find anything.
        for i in expressions.indices {
            let seeded = seededStringLengths(expressions[i])
            if !seeded.isEmpty { out += seeded }
            let status = statusInIncludeWhen(expressions[i], resourceIDs: resourceIDs)
            if !status.isEmpty { out += status }
        }
        return out
    }

    /// KRO906: kro owns the instance's `status.state`; an author's value is overwritten.
    /// (`conditions` that is not a list is KRO401, an error, already.)
    static func reservedStatusFields(_ rgd: ResourceGraphDefinition) -> [Diagnostic] {
        guard let status = rgd.schema?.status?.mapping else { return [] }
        return status.effectiveEntries.compactMap { entry in
            guard entry.key.keyString == "state" else { return nil }
            return Diagnostic(code: "KRO906", severity: .warning,
                              message: "status field \"state\" is kro's own: kro writes the instance state (ACTIVE, IN_PROGRESS, FAILED, DELETING) there and overwrites this value; choose another name",
                              range: entry.key.range)
        }
    }

    /// KRO911: `random.seededString` takes characters from one SHA-256 digest, 4 bytes
    /// each, so its output repeats every 8 characters.
    static func seededStringLengths(_ e: RGDExpression) -> [Diagnostic] {
        // A call's name is an identifier of the text: without it in the text, no walk.
        guard let tree = e.parsed?.expr, Self.contains(e.celText, "seededString") else { return [] }
        var out: [Diagnostic] = []
        tree.walk { node, _ in
            guard case .call(let target, let function, let args) = node.kind, args.count == 2,
                  isSeededString(target, function),
                  case .literal(.int(let length)) = args[0].kind, length > 8 else { return true }
            out.append(Diagnostic(
                code: "KRO911", severity: .information,
                message: "random.seededString repeats its output every 8 characters, so a length of \(length) adds no randomness after the 8th; use 8 or fewer, or join several seeds",
                range: e.fileRange(args[0].span)))
            return true
        }
        return out
    }

    /// Whether `text` contains `word` (ASCII), by bytes.
    static func contains(_ text: String, _ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var text = text
        return text.withUTF8 { bytes in
            guard let first = needle.first, bytes.count >= needle.count else { return false }
            for i in 0...(bytes.count - needle.count) where bytes[i] == first {
                if bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
    }

    private static func isSeededString(_ target: Expr?, _ function: String) -> Bool {
        if target == nil { return function == "random.seededString" }
        if case .ident("random")? = target?.kind { return function == "seededString" }
        return false
    }

    /// KRO915: an includeWhen that reads another resource's `status` decides inclusion
    /// from live state, which can flip and delete/recreate the resource (kro's docs warn).
    static func statusInIncludeWhen(_ e: RGDExpression, resourceIDs ids: Set<String>) -> [Diagnostic] {
        guard e.kind == .includeWhen, let tree = e.parsed?.expr else { return [] }
        var out: [Diagnostic] = []
        tree.walk { node, _ in
            guard case .select(let operand, "status", _) = node.kind, case .ident(let id) = operand.kind,
                  ids.contains(id) else { return true }
            out.append(Diagnostic(
                code: "KRO915", severity: .information,
                message: "includeWhen reads \"\(id).status\": inclusion then follows live state, which can change back and forth and delete and re-create \"\(e.resourceID ?? "")\"; prefer values of the instance spec",
                range: e.fileRange(node.span)))
            return false
        }
        return out
    }
}
