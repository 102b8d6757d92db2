import Foundation
import JSON

/// A request timed like the edit: where to ask and what. Completion and hover register
/// here once the server answers them (`probes` below), and are then reported per size.
struct LatencyProbe: Sendable {
    var name: String
    var method: String
    /// Request params for the generated document (uri, edit position).
    var params: @Sendable (_ uri: String, _ rgd: GeneratedRGD) -> JSONValue
    /// True when the answer is a real one (not empty), so a probe cannot pass vacuously.
    var isAnswer: @Sendable (JSONValue) -> Bool
}

/// The probes run after the edits (completion and hover: LatencyProbes.swift).
let probes: [LatencyProbe] = LatencyProbes.all

/// Everything measured for one size.
struct SizeResult {
    var size: Int
    var lines = 0
    var bytes = 0
    var libyaml = 0.0
    var initialize: Double?
    var open: Double?
    var openDiagnostics = 0
    var edits: [Double] = []
    /// Server CPU seconds: for the open, and over all edits.
    var openCPU: Double?
    var editsCPU: Double?
    var probeTimes: [(String, [Double])] = []
    /// Server CPU seconds per probe request (mean; the clock tick is coarse, the mean is not).
    var probeCPU: [String: Double] = [:]
    var serverPeakRSS: Int?
    var busy: BusyProbe.Figures?
    var check: Double?
    var checkPeakRSS: Int?
    var checkStatus: Int32?
    var checkCPU: Double?
    var problems: [String] = []

    func printReport() {
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
        func ratio(_ s: Double) -> String { String(format: "%.2f×", s / libyaml) }
        func mb(_ b: Int) -> String { String(format: "%.1f MB", Double(b) / 1_048_576) }
        say("== \(size) resources: \(lines) lines, \(mb(bytes)); libyaml parse \(ms(libyaml)) CPU (best of 5)")
        if let t = initialize { say("   start + initialize      \(ms(t))") }
        if let t = open {
            let cpu = openCPU.map { "; server CPU \(ms($0)) (\(ratio($0)))" } ?? ""
            say("   open → diagnostics      \(ms(t))  (\(ratio(t)) libyaml\(cpu); \(openDiagnostics) diagnostics)")
        }
        if !edits.isEmpty {
            let p = [0.5, 0.95, 0.99].map { Stats.percentile(edits, $0) }
            say("   edit → diagnostics      p50 \(ms(p[0])) (\(ratio(p[0])))  p95 \(ms(p[1])) (\(ratio(p[1])))  p99 \(ms(p[2])) (\(ratio(p[2])))  over \(edits.count) edits")
            if let cpu = editsCPU {
                let mean = cpu / Double(edits.count)
                say("   edit server CPU         mean \(ms(mean)) per edit (\(ratio(mean)) libyaml)")
            }
        }
        for (name, times) in probeTimes where !times.isEmpty {
            let p = [0.5, 0.95, 0.99].map { Stats.percentile(times, $0) }
            let cpu = probeCPU[name].map { "; server CPU mean \(ms($0))" } ?? ""
            say("   \(name)  p50 \(ms(p[0])) (\(ratio(p[0])))  p95 \(ms(p[1])) (\(ratio(p[1])))  p99 \(ms(p[2])) (\(ratio(p[2])))  over \(times.count)\(cpu)")
        }
        if let busy, !busy.hover.isEmpty {
            let p = [0.5, 0.95, 0.99].map { Stats.percentile(busy.hover, $0) }
            say("   hover elsewhere during a full re-analysis  p50 \(ms(p[0]))  p95 \(ms(p[1]))  p99 \(ms(p[2]))  over \(busy.hover.count); answered before it ended: \(busy.answeredFirst)/\(busy.hover.count); re-analysis p50 \(ms(Stats.percentile(busy.analysis, 0.5)))")
        }
        if let rss = serverPeakRSS { say("   server peak RSS         \(mb(rss))  (\(String(format: "%.1f", Double(rss) / Double(bytes)))× file)") }
        if let t = check, let rss = checkPeakRSS {
            let cpu = checkCPU.map { "; CPU \(String(format: "%.3f s", $0)) (\(ratio($0)))" } ?? ""
            say("   --check                 \(String(format: "%.3f s", t))  (\(ratio(t)) libyaml\(cpu); exit \(checkStatus ?? -1); peak RSS \(mb(rss)))")
        }
        for problem in problems { say("   PROBLEM: \(problem)") }
    }
}

/// Measures one generated size through the server and `--check`.
struct SizeRun {
    let size: Int
    let options: BenchOptions

    func run() throws -> SizeResult {
        let rgd = RGDGenerator.realistic(resources: size)
        var result = SizeResult(size: size)
        let bytes = Array(rgd.text.utf8)
        result.bytes = bytes.count
        result.lines = bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        result.libyaml = LibYAMLBaseline.best(bytes)
        let path = try options.write(rgd.text, name: "bench-\(size).yaml")
        defer { options.discard(path) }
        if options.runServer { try serve(rgd, path: path, into: &result) }
        if options.runCheck { try check(path, into: &result) }
        return result
    }

    func serve(_ rgd: GeneratedRGD, path: String, into result: inout SizeResult) throws {
        let clock = ContinuousClock()
        let started = clock.now
        let client = try LSPClient(executable: options.binary)
        _ = try client.request("initialize", [
            "processId": .int(Int64(getpid())), "rootUri": .null, "capabilities": [:],
            // No debounce: the figures are the engine's, not the coalescing delay's.
            "initializationOptions": ["kro": ["analysisDelayMs": 0]],
        ], timeout: options.timeout)
        result.initialize = (clock.now - started).seconds
        try client.notify("initialized", [:])

        let uri = URL(fileURLWithPath: path).absoluteString
        var version = 1
        // Encoded before the clock starts: the figure is the server's, from the first byte sent.
        let didOpen = LSPClient.frame(LSPClient.notification("textDocument/didOpen", ["textDocument": [
            "uri": .string(uri), "languageId": "yaml", "version": 1, "text": .string(rgd.text),
        ]]))
        let opened = clock.now
        let cpuBeforeOpen = client.process.cpuSeconds()
        try client.writeFrame(didOpen)
        var previous = try client.diagnostics(uri: uri, version: version, timeout: options.timeout)
        result.open = (clock.now - opened).seconds
        result.openDiagnostics = previous.count
        let cpuBeforeEdits = client.process.cpuSeconds()
        if let before = cpuBeforeOpen, let after = cpuBeforeEdits { result.openCPU = after - before }

        let editsStarted = clock.now
        for i in 0..<options.edits {
            if (clock.now - editsStarted).seconds > options.editBudget {
                result.problems.append("edit budget of \(Int(options.editBudget)) s spent after \(i) of \(options.edits) edits")
                break
            }
            version += 1
            let breaking = i % 2 == 0
            // Replace `e` by `f` and back, or (`--insert-edits`) insert `f` after it and
            // delete it again: `imagef` is as unknown as `imagf`.
            let (start, end) = !options.insertEdits ? (rgd.editColumn, rgd.editColumn + 1)
                : breaking ? (rgd.editColumn + 1, rgd.editColumn + 1) : (rgd.editColumn + 1, rgd.editColumn + 2)
            let range: JSONValue = [
                "start": ["line": .int(Int64(rgd.editLine)), "character": .int(Int64(start))],
                "end": ["line": .int(Int64(rgd.editLine)), "character": .int(Int64(end))],
            ]
            let text = options.insertEdits ? (breaking ? String(rgd.broken) : "") : String(breaking ? rgd.broken : rgd.original)
            let sent = clock.now
            try client.notify("textDocument/didChange", [
                "textDocument": ["uri": .string(uri), "version": .int(Int64(version))],
                "contentChanges": [["range": range, "text": .string(text)]],
            ])
            let diagnostics = try client.diagnostics(uri: uri, version: version, timeout: options.timeout)
            result.edits.append((clock.now - sent).seconds)
            if diagnostics == previous {
                result.problems.append("edit \(i + 1) (\(breaking ? "break" : "fix")) did not change the diagnostics")
            }
            previous = diagnostics
        }
        if let before = cpuBeforeEdits, let after = client.process.cpuSeconds(), !result.edits.isEmpty {
            result.editsCPU = after - before
        }
        for probe in probes {
            var times: [Double] = []
            let cpuBefore = client.process.cpuSeconds()
            // Requests are cheap: at least 200, so p99 is not the single slowest one.
            for _ in 0..<max(200, options.edits) {
                let params = probe.params(uri, rgd)
                let asked = clock.now
                let answer = try client.request(probe.method, params, timeout: options.timeout)
                times.append((clock.now - asked).seconds)
                if !probe.isAnswer(answer) { result.problems.append("\(probe.name): empty answer"); break }
            }
            result.probeTimes.append((probe.name, times))
            if let before = cpuBefore, let after = client.process.cpuSeconds(), !times.isEmpty {
                result.probeCPU[probe.name] = (after - before) / Double(times.count)
            }
        }
        // Before the busy probe's second document and full re-analyses, so it stays the edit session's.
        result.serverPeakRSS = client.process.peakRSS()
        if !result.edits.isEmpty {
            result.busy = try BusyProbe.run(client, large: rgd, uri: uri, version: &version, timeout: options.timeout,
                                            rounds: size > 1_000 ? 3 : 10)
        }
        let status = client.stop()
        if status != 0 { result.problems.append("server exited with status \(status)") }
    }

    func check(_ path: String, into result: inout SizeResult) throws {
        let run = try MeasuredRun.run(options.binary, ["--check", path])
        result.check = run.wall
        result.checkCPU = run.cpu
        result.checkPeakRSS = run.peakRSS
        result.checkStatus = run.status
        // The generated RGD is clean: any finding is a false positive (or a crash).
        if run.status != 0 { result.problems.append("--check exited with status \(run.status) on a clean RGD") }
    }
}

/// `--check` of the degenerate RGD of one-line ConfigMaps (issue 16's scale target).
struct TinyRun {
    let count: Int
    let options: BenchOptions

    func run() throws {
        let text = RGDGenerator.tinyConfigMaps(resources: count)
        let bytes = Array(text.utf8)
        let libyaml = LibYAMLBaseline.best(bytes, runs: 3)
        let path = try options.write(text, name: "tiny-\(count).yaml")
        defer { options.discard(path) }
        let run = try MeasuredRun.run(options.binary, ["--check", path])
        say(String(format: "== tiny %d one-line ConfigMaps: %.1f MB; libyaml %.1f ms; --check %.3f s, CPU %.3f s (%.1f× libyaml), exit %d, peak RSS %.1f MB (%.1f× file)",
                     count, Double(bytes.count) / 1_048_576, libyaml * 1000, run.wall, run.cpu, run.cpu / libyaml, run.status,
                     Double(run.peakRSS) / 1_048_576, Double(run.peakRSS) / Double(bytes.count)))
    }
}
