import FoundationEssentials
import JSON
import KroEngine
import LanguageServer
import OrderedCollections
import YAMLSyntax

/// SARIF 2.1.0 as GitHub code scanning reads it: one run, the catalogue as
/// `tool.driver.rules`, results with `ruleId`, `level`, `message` and a physical location
/// whose `artifactLocation.uri` is relative to the repository root (`uriBaseId`
/// `%SRCROOT%`) and whose `region` is 1-based, columns in UTF-16 code units.
struct SARIFFormat {
    /// Absolute paths under this folder are written relative to it.
    var root: String
    var catalogue: DiagnosticCatalogue = .embedded
    static let documentation = "https://github.com/kro-run/kro-lsp/blob/main/docs/diagnostics.md"

    /// Writes the log result by result: its text is handed to `out` in pieces as it grows,
    /// never one tree or string of the whole (the bytes are the tree's).
    func write(_ report: CheckReport, to out: inout OutputStream) {
        let rules = catalogue.entries
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.code] = i }
        var writer = JSONTextWriter()
        writer.beginObject()
        writer.key("$schema")
        writer.value("https://json.schemastore.org/sarif-2.1.0.json")
        writer.key("version")
        writer.value("2.1.0")
        writer.key("runs")
        writer.beginArray()
        writer.beginObject()  // the run
        writer.key("tool")
        writer.value(["driver": [
            "name": .string(LanguageServerInfo.name),
            "version": .string(LanguageServerInfo.version),
            "informationUri": "https://github.com/kro-run/kro-lsp",
            "rules": .array(rules.map(rule)),
        ]])
        writer.key("originalUriBaseIds")
        writer.value(["%SRCROOT%": ["uri": .string(URL(fileURLWithPath: root, isDirectory: true).absoluteString)]])
        writer.key("columnKind")
        writer.value("utf16CodeUnits")
        writer.key("results")
        writer.beginArray()
        report.forEachFinding { finding in
            writer.value(result(finding, ruleIndex: ruleIndex[finding.diagnostic.code]))
            writer.takePieces { out.write(bytes: $0) }
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        for piece in writer.finish().chunks { out.write(bytes: piece) }
        out.write("\n")
    }

    private func rule(_ entry: DiagnosticCatalogue.Entry) -> JSONValue {
        var rule: JSONValue = [
            "id": .string(entry.code),
            "shortDescription": ["text": .string(entry.summary.isEmpty ? entry.code : entry.summary)],
            "helpUri": .string("\(Self.documentation)#\(entry.code.lowercased())"),
            "defaultConfiguration": ["level": .string(Self.level(entry.defaultSeverity))],
        ]
        if let message = entry.message { rule.set("fullDescription", ["text": .string(message)]) }
        return rule
    }

    private func result(_ f: CheckFinding, ruleIndex: Int?) -> JSONValue {
        var result: JSONValue = [
            "ruleId": .string(f.diagnostic.code),
            "level": .string(Self.level(f.diagnostic.severity)),
            "message": ["text": .string(f.diagnostic.message)],
            "locations": [location(f.file, f.diagnostic.range, message: nil)],
        ]
        if let ruleIndex { result.set("ruleIndex", .int(Int64(ruleIndex))) }
        if !f.diagnostic.related.isEmpty {
            result.set("relatedLocations", .array(f.diagnostic.related.enumerated().map { i, related in
                var l = location(f.file, related.range, message: related.message)
                l.set("id", .int(Int64(i)))
                return l
            }))
        }
        return result
    }

    private func location(_ file: CheckedFile, _ range: TextRange, message: String?) -> JSONValue {
        let s = file.position(of: range.start), e = file.position(of: range.end)
        var location: JSONValue = ["physicalLocation": [
            "artifactLocation": artifact(file.path),
            "region": [
                "startLine": .int(Int64(s.line)), "startColumn": .int(Int64(s.utf16Column)),
                "endLine": .int(Int64(e.line)), "endColumn": .int(Int64(max(e.utf16Column, e.line == s.line ? s.utf16Column + 1 : 1))),
            ],
        ]]
        if let message { location.set("message", ["text": .string(message)]) }
        return location
    }

    /// A path relative to `root` with `uriBaseId`, or an absolute `file:` URI outside it.
    private func artifact(_ path: String) -> JSONValue {
        let absolute = path.hasPrefix("/") ? path : FilePaths.join(root, path)
        let standardized = FilePaths.standardized(absolute)
        let base = root.hasSuffix("/") ? root : root + "/"
        if standardized.hasPrefix(base) {
            let relative = String(standardized.dropFirst(base.count))
            return ["uri": .string(Self.percentEncoded(relative)), "uriBaseId": "%SRCROOT%"]
        }
        if path == "<stdin>" { return ["uri": "stdin"] }
        return ["uri": .string(URL(fileURLWithPath: standardized).absoluteString)]
    }

    /// The repository root (nearest folder above the working folder holding `.git`),
    /// else the working folder: GitHub resolves SARIF paths against the repository.
    static func repositoryRoot() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        var dir = URL(fileURLWithPath: cwd, isDirectory: true).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return cwd }
            dir = parent
        }
    }

    /// Each UTF-8 byte outside Foundation's `CharacterSet.urlPathAllowed` (less `%`) as `%XX`.
    static func percentEncoded(_ path: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if urlPathAllowed.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `CharacterSet.urlPathAllowed` without `%` (all ASCII).
    private static let urlPathAllowed = Set("!$&'()*+,-./0123456789:=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~".utf8)

    static func level(_ severity: DiagnosticSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "note"
        }
    }
}

private extension JSONValue {
    /// Adds (or replaces) a key of an object value.
    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var object) = self else { return }
        object[key] = value
        self = .object(object)
    }
}
