import YAMLSyntax

/// Which YAML files are kro's. The language server analyses only these and stays silent on
/// the rest (plain manifests, Helm templates), so an editor that can only associate it with
/// every YAML file still shows nothing on files that are not kro's.
public enum KroFileDetection {
    /// The first-line comment that claims any file for kro-lsp.
    public static let modeline = "# kro-lsp"

    /// True when any document is a `kro.run/…` ResourceGraphDefinition, the first line is the
    /// modeline, or a document is an instance of one of `instanceKinds` (the kinds defined by
    /// the RGDs the caller knows). A document that fails to parse is judged by its text, so
    /// an RGD stays claimed (and its syntax error shown) while it is being typed.
    public static func isKroFile(_ yaml: YAMLFile, instanceKinds: Set<GroupVersionKind> = []) -> Bool {
        if hasModeline(yaml.source) { return true }
        for document in yaml.documents {
            guard let map = document.root?.mapping else { continue }
            let apiVersion = map.value(forKey: "apiVersion")?.scalar?.value ?? ""
            let kind = map.value(forKey: "kind")?.scalar?.value ?? ""
            if isRGDHeader(apiVersion: apiVersion, kind: kind) { return true }
            if let gvk = GroupVersionKind(apiVersion: apiVersion, kind: kind), instanceKinds.contains(gvk) { return true }
        }
        let broken = !yaml.errors.isEmpty || yaml.documents.contains { !$0.errors.isEmpty }
        return broken && textLooksLikeRGD(yaml.source)
    }

    /// The kind an RGD defines, as its instances name it (`apiVersion` = group/version).
    public static func instanceKind(of rgd: ResourceGraphDefinition) -> GroupVersionKind? {
        guard let schema = rgd.schema, let version = schema.apiVersion?.value, let kind = schema.kind?.value,
              !version.isEmpty, !kind.isEmpty else { return nil }
        return GroupVersionKind(group: schema.effectiveGroup, version: version, kind: kind)
    }

    static func isRGDHeader(apiVersion: String, kind: String) -> Bool {
        apiVersion.hasPrefix("kro.run/") && kind == RGDParser.kind
    }

    /// `# kro-lsp` alone or followed by a space (a UTF-8 BOM before it is allowed).
    static func hasModeline(_ source: SourceText) -> Bool {
        var line = source.bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }[...]
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        let mark = Array(modeline.utf8)
        guard line.starts(with: mark) else { return false }
        let rest = line.dropFirst(mark.count)
        return rest.first.map { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ?? true
    }

    /// The cheap check for text that does not parse: some document has top-level
    /// `apiVersion: kro.run/…` and `kind: ResourceGraphDefinition` lines (quotes allowed).
    /// Reads the lines in place: a file of a million short lines must not become a million
    /// strings.
    static func textLooksLikeRGD(_ source: SourceText) -> Bool {
        var apiVersion = "", kind = ""
        for index in 0..<source.lineCount {
            let range = source.lineRange(index)
            let line = source.bytes[range.start..<range.end]
            if line.starts(with: "---".utf8) {
                apiVersion = ""; kind = ""
            } else if let value = topLevelValue(line, key: "apiVersion") {
                apiVersion = value
            } else if let value = topLevelValue(line, key: "kind") {
                kind = value
            }
            if isRGDHeader(apiVersion: apiVersion, kind: kind) { return true }
        }
        return false
    }

    /// The value of `key: value` written at column 0, without a comment, blanks or quotes.
    static func topLevelValue(_ line: ArraySlice<UInt8>, key: String) -> String? {
        guard line.starts(with: key.utf8), line.dropFirst(key.utf8.count).first == UInt8(ascii: ":") else { return nil }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var value = line.dropFirst(key.utf8.count + 1).prefix { $0 != UInt8(ascii: "#") }
        while let c = value.first, blank(c) { value.removeFirst() }
        while let c = value.last, blank(c) { value.removeLast() }
        if value.count >= 2, let quote = value.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
           value.last == quote {
            value = value.dropFirst().dropLast()
        }
        return String(decoding: value, as: UTF8.self)
    }
}
