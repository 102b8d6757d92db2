import JSON
import KroEngine
import YAMLSyntax

/// The `--format json` document (schema in README "JSON output"; `version` changes only
/// when a field changes meaning or disappears):
///
///     { "version": 1,
///       "summary": { "files": N, "errors": E, "warnings": W, "infos": I },
///       "diagnostics": [ { "file", "severity", "code", "message", "range",
///                          "related": [ { "file", "range", "message" } ],
///                          "fixes": [ { "title", "edits": [ { "range", "newText" } ] } ] } ] }
///
/// A range is `{ "start": P, "end": P }`, P = `{ "line", "column" (1-based, Unicode
/// scalars), "byteOffset", "utf16Offset" (0-based, from the start of the file) }`.
struct JSONFormat {
    /// Writes the document finding by finding: its text is handed to `out` in pieces as it
    /// grows, never one tree or string of the whole (the bytes are the tree's).
    func write(_ report: CheckReport, to out: inout OutputStream) {
        var writer = JSONTextWriter()
        writer.beginObject()
        writer.key("version")
        writer.value(1)
        writer.key("summary")
        writer.value([
            "files": .int(Int64(report.filesChecked)), "errors": .int(Int64(report.count(.error))),
            "warnings": .int(Int64(report.count(.warning))), "infos": .int(Int64(report.count(.information))),
        ])
        writer.key("diagnostics")
        writer.beginArray()
        report.forEachFinding { finding in
            writer.value(object(finding))
            writer.takePieces { out.write(bytes: $0) }
        }
        writer.endArray()
        writer.endObject()
        for piece in writer.finish().chunks { out.write(bytes: piece) }
        out.write("\n")
    }

    private func object(_ f: CheckFinding) -> JSONValue {
        [
            "file": .string(f.path),
            "severity": .string(f.severityWord),
            "code": .string(f.diagnostic.code),
            "message": .string(f.diagnostic.message),
            "range": range(f.diagnostic.range, in: f.file),
            "related": .array(f.diagnostic.related.map {
                ["file": .string(f.path), "range": range($0.range, in: f.file), "message": .string($0.message)]
            }),
            "fixes": .array(f.diagnostic.fixes.map { fix in
                ["title": .string(fix.title), "edits": .array(fix.edits.map {
                    ["range": range($0.range, in: f.file), "newText": .string($0.newText)]
                })]
            }),
        ]
    }

    private func range(_ range: TextRange, in file: CheckedFile) -> JSONValue {
        ["start": position(file.position(of: range.start)), "end": position(file.position(of: range.end))]
    }

    private func position(_ p: CheckedFile.Position) -> JSONValue {
        ["line": .int(Int64(p.line)), "column": .int(Int64(p.column)),
         "byteOffset": .int(Int64(p.byteOffset)), "utf16Offset": .int(Int64(p.utf16Offset))]
    }
}
