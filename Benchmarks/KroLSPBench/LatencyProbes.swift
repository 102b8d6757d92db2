import Foundation
import JSON

/// Completion, hover and the other editor requests timed through the real server (issue 11: p99 ≤ 5 ms at 1,000
/// resources), at expressions near the middle of the generated RGD: completion right
/// after `${schema.spec.` and after `${rK.metadata.` (the generator's expressions read
/// `metadata` of other resources, never their `spec`: the same path through the kind's
/// schema), hover on the field names there. Each answer must hold the field, so a probe
/// that got nothing is reported, not timed.
enum LatencyProbes {
    static let all: [LatencyProbe] = [
        probe("completion ${schema.spec.   ", "textDocument/completion", in: "${schema.spec.image}", at: "image",
              expect: { items($0).contains("image") }),
        probe("completion ${rK.metadata.   ", "textDocument/completion", in: ".metadata.name}", at: "name}", resourceRead: true,
              expect: { items($0).contains("generateName") }),
        probe("hover schema.spec.image     ", "textDocument/hover", in: "${schema.spec.image}", at: "image}",
              expect: { hover($0).contains("image") }),
        probe("hover ${rK.metadata.name}   ", "textDocument/hover", in: ".metadata.name}", at: "name}", resourceRead: true,
              expect: { hover($0).contains("name") }),
        probe("signatureHelp .orValue(     ", "textDocument/signatureHelp", in: ".orValue(0)", at: "0)",
              expect: { $0["signatures"]?.arrayValue?.isEmpty == false }),
        // Whole-document requests (an editor asks them after each edit).
        document("semanticTokens/full        ", "textDocument/semanticTokens/full",
                 expect: { $0["data"]?.arrayValue?.isEmpty == false }),
        document("foldingRange               ", "textDocument/foldingRange", expect: { $0.arrayValue?.isEmpty == false }),
        document("inlayHint (whole file)     ", "textDocument/inlayHint", wholeRange: true,
                 expect: { $0.arrayValue?.isEmpty == false }),
    ]

    /// A request about the whole document (with a range over all of it when `wholeRange`).
    static func document(_ name: String, _ method: String, wholeRange: Bool = false,
                         expect: @escaping @Sendable (JSONValue) -> Bool) -> LatencyProbe {
        LatencyProbe(name: name, method: method, params: { uri, rgd in
            var params: JSONValue = ["textDocument": ["uri": .string(uri)]]
            if wholeRange, case .object(var members) = params {
                let lines = Int64(rgd.text.split(separator: "\n", omittingEmptySubsequences: false).count)
                members["range"] = ["start": ["line": 0, "character": 0], "end": ["line": .int(lines), "character": 0]]
                params = .object(members)
            }
            return params
        }, isAnswer: expect)
    }

    /// A probe at `marker` (the cursor goes before it) inside the first occurrence of
    /// `needle` on the line nearest the middle of the file, away from the edited line.
    /// `resourceRead`: only lines reading another resource (`${r…`).
    static func probe(_ name: String, _ method: String, in needle: String, at marker: String, resourceRead: Bool = false,
                      expect: @escaping @Sendable (JSONValue) -> Bool) -> LatencyProbe {
        LatencyProbe(name: name, method: method, params: { uri, rgd in
            let (line, character) = positions.position(of: needle, marker: marker, resourceRead: resourceRead, in: rgd)
            return ["textDocument": ["uri": .string(uri)],
                    "position": ["line": .int(Int64(line)), "character": .int(Int64(character))]]
        }, isAnswer: expect)
    }

    static func items(_ answer: JSONValue) -> Set<String> {
        Set((answer["items"]?.arrayValue ?? answer.arrayValue ?? []).compactMap { $0["label"]?.stringValue })
    }

    static func hover(_ answer: JSONValue) -> String { answer["contents"]?["value"]?.stringValue ?? "" }

    /// Positions are searched once per file: a probe's request is timed from its params on.
    static let positions = PositionCache()
}

final class PositionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String: (Int, Int)] = [:]

    func position(of needle: String, marker: String, resourceRead: Bool, in rgd: GeneratedRGD) -> (Int, Int) {
        let key = "\(rgd.resourceCount) \(needle) \(marker) \(resourceRead)"
        lock.lock()
        defer { lock.unlock() }
        if let hit = found[key] { return hit }
        let lines = rgd.text.split(separator: "\n", omittingEmptySubsequences: false)
        let middle = lines.count / 2
        var best: (line: Int, column: Int)?
        for (i, line) in lines.enumerated() where i != rgd.editLine {
            guard let range = line.range(of: needle), !resourceRead || line.contains("${r") else { continue }
            guard let at = line[range].range(of: marker) else { continue }
            if best == nil || abs(i - middle) < abs(best!.line - middle) {
                best = (i, line.distance(from: line.startIndex, to: at.lowerBound))  // ASCII: characters are UTF-16 units
            }
        }
        let result = best.map { ($0.line, $0.column) } ?? (0, 0)
        found[key] = result
        return result
    }
}
