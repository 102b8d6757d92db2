import Foundation
import JSON

/// Requests while the server analyses the large RGD again from scratch: an edit of its
/// schema makes every resource stale, so the analysis runs on every core. A hover on
/// another, small open document must still be answered at once, not after the analysis.
enum BusyProbe {
    static let smallURI = "file:///kro-lsp-bench-small.yaml"

    struct Figures {
        var hover: [Double] = []
        /// Schema edit → diagnostics of the large document.
        var analysis: [Double] = []
        /// Hovers answered before the large document's diagnostics arrived.
        var answeredFirst = 0
    }

    /// `version`: the large document's last version; the rounds continue from it.
    static func run(_ client: LSPClient, large rgd: GeneratedRGD, uri: String, version: inout Int,
                    timeout: Double, rounds: Int) throws -> Figures {
        let small = RGDGenerator.realistic(resources: 10)
        try client.notify("textDocument/didOpen", ["textDocument": [
            "uri": .string(smallURI), "languageId": "yaml", "version": 1, "text": .string(small.text),
        ]])
        _ = try client.diagnostics(uri: smallURI, version: 1, timeout: timeout)
        guard let hover = LatencyProbes.all.first(where: { $0.method == "textDocument/hover" }) else { return Figures() }
        let params = hover.params(smallURI, small)
        let clock = ContinuousClock()
        var figures = Figures()
        for round in 0..<rounds {
            version += 1
            let text = rgd.text.replacingOccurrences(of: "name: string | default=\"app\"",
                                                     with: "name: string | default=\"app\(round)\"")
            let sent = clock.now
            try client.notify("textDocument/didChange", [
                "textDocument": ["uri": .string(uri), "version": .int(Int64(version))],
                "contentChanges": [["text": .string(text)]],
            ])
            // Ask once the analysis is surely under way.
            usleep(20_000)
            var analysed: Duration?
            let wanted = JSONValue.int(Int64(version))
            let isDiagnostics = { (message: JSONValue) in
                message["method"]?.stringValue == "textDocument/publishDiagnostics"
                    && message["params"]?["uri"]?.stringValue == uri && message["params"]?["version"] == wanted
            }
            let asked = clock.now
            // The schema edit changes the generated CRD, so the server analyses the small
            // document again too; a hover that crosses that gets ContentModified and, as
            // LSP clients do, asks again (the latency counts both).
            var answer: JSONValue = .null
            for attempt in 1...3 {
                do {
                    answer = try client.request(hover.method, params, timeout: timeout) { message in
                        if isDiagnostics(message) { analysed = clock.now - sent }
                    }
                    break
                } catch let error as BenchError where attempt < 3 && error.description.contains("-32801") {
                    continue
                }
            }
            figures.hover.append((clock.now - asked).seconds)
            guard hover.isAnswer(answer) else { throw BenchError("hover on the small document: empty answer") }
            if analysed == nil {
                figures.answeredFirst += 1
                _ = try client.waitFor(timeout: timeout, isDiagnostics)
                analysed = clock.now - sent
            }
            figures.analysis.append(analysed!.seconds)
        }
        return figures
    }
}
