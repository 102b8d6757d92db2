import Foundation

/// Command-line options; every size and count can be made small for a quick run.
struct BenchOptions {
    var sizes = [10, 100, 1_000, 10_000]
    var edits = 200
    /// Seconds of editing per size before the edit loop stops early (the count is reported).
    var editBudget: Double = 120
    /// Seconds any single wait for the server may take.
    var timeout: Double = 600
    var runCheck = true
    var runServer = true
    /// Sizes of the degenerate one-line-ConfigMap RGD to `--check` (issue 16).
    var tinySizes: [Int] = []
    /// Where generated files are written (kept when given).
    var keepDirectory: String?
    var binary = BenchOptions.defaultBinary
    /// Edits that change the text's length (insert a character, then delete it), so every
    /// resource after the edited one moves; the default replaces one character.
    var insertEdits = false

    static let usage = """
    usage: kro-lsp-bench [--sizes 10,100,1000,10000] [--edits 200] [--edit-budget SECONDS]
                         [--timeout SECONDS] [--no-check] [--no-server] [--tiny 200000]
                         [--keep DIR] [--binary PATH] [--insert-edits]
    """

    /// `kro-lsp` beside this executable (both are built into the same `.build/<config>`).
    static var defaultBinary: String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("kro-lsp").path
    }

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var o = BenchOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            return v
        }
        func number(_ flag: String) throws -> Double {
            guard let n = Double(try value(flag)), n >= 0 else { throw BenchError("\(flag) needs a number") }
            return n
        }
        func counts(_ flag: String) throws -> [Int] {
            let list = try value(flag).split(separator: ",").map { Int($0.replacingOccurrences(of: "_", with: "")) }
            guard !list.isEmpty, list.allSatisfy({ ($0 ?? 0) > 0 }) else { throw BenchError("\(flag) needs positive counts") }
            return list.compactMap { $0 }
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--sizes": o.sizes = try counts(flag)
            case "--edits": o.edits = Int(try number(flag))
            case "--edit-budget": o.editBudget = try number(flag)
            case "--timeout": o.timeout = try number(flag)
            case "--no-check": o.runCheck = false
            case "--no-server": o.runServer = false
            case "--tiny": o.tinySizes = try counts(flag)
            case "--keep": o.keepDirectory = try value(flag)
            case "--binary": o.binary = try value(flag)
            case "--insert-edits": o.insertEdits = true
            case "-h", "--help": say(usage); exit(0)
            default: throw BenchError("unknown option \(flag)")
            }
        }
        return o
    }

    /// Writes a generated file where the run can find it again.
    func write(_ text: String, name: String) throws -> String {
        let directory = keepDirectory ?? NSTemporaryDirectory() + "kro-lsp-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Removes a file `write` made, and its folder once empty (unless the run keeps them).
    func discard(_ path: String) {
        guard keepDirectory == nil else { return }
        try? FileManager.default.removeItem(atPath: path)
        // Fails while another file of the run is still there, which is what we want.
        _ = rmdir((path as NSString).deletingLastPathComponent)
    }
}
