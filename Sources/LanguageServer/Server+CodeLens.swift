import JSON
import KroEngine
import KroIDE

/// `textDocument/codeLens`: the lenses of `KroIDE.CodeLenses`. A lens that runs something
/// runs one of the server's own commands (`Server.commands`) on its RGD, with the same
/// argument an editor command sends (`{uri, rgd}`); an informational lens has an empty
/// command id, which clients show as plain text.
extension Server {

    func codeLens(_ params: JSONValue) throws(ResponseError) -> Reply {
        // Four lenses an RGD: a file of thousands of RGDs gets a large answer, written as text
        // one lens at a time.
        try snapshotRequest(params, notKro: []) { r, writer in
            writer.beginArray()
            for lens in CodeLenses.lenses(r.snapshot) { writer.value(r.codeLens(lens)) }
            writer.endArray()
        }
    }
}

extension SnapshotRequest {
    func codeLens(_ lens: CodeLens) -> JSONValue {
        let name: String? = switch lens.action {
        case .preview: "kro.preview"
        case .generateCRD: "kro.generateCRD"
        case .scaffoldInstance: "kro.scaffoldInstance"
        case .none: nil
        }
        var command: JSONValue = ["title": .string(lens.title), "command": .string(name ?? "")]
        if name != nil { command.set("arguments", [["uri": .string(uri), "rgd": .int(Int64(lens.rgdIndex))]]) }
        return ["range": range(lens.range), "command": command]
    }
}
