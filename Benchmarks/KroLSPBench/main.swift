// kro-lsp-bench: drives the real `kro-lsp` binary over stdio on generated RGDs and prints
// latencies, peak memory and `--check` times, each also as a ratio to libyaml's own parse.
// Run: swift build -c release && .build/release/kro-lsp-bench [--sizes 10,100,1000] [--edits 200]
// Not a test: it prints figures.
import Foundation

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == MeasuredRun.launchFlag {
    MeasuredRun.launch(Array(CommandLine.arguments.dropFirst(2)))
}
let options: BenchOptions
do { options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) } catch {
    FileHandle.standardError.write(Data("kro-lsp-bench: \(error)\n\(BenchOptions.usage)\n".utf8))
    exit(2)
}
guard FileManager.default.isExecutableFile(atPath: options.binary) else {
    FileHandle.standardError.write(Data("kro-lsp-bench: no kro-lsp binary at \(options.binary) (build it, or pass --binary)\n".utf8))
    exit(2)
}
say("kro-lsp-bench: binary \(options.binary), edits \(options.edits) (budget \(Int(options.editBudget)) s per size)")
var failed = false
for size in options.sizes {
    do {
        let result = try SizeRun(size: size, options: options).run()
        result.printReport()
        failed = failed || !result.problems.isEmpty
    } catch {
        say("size \(size): FAILED: \(error)")
        failed = true
    }
}
for count in options.tinySizes {
    do { try TinyRun(count: count, options: options).run() } catch {
        say("tiny \(count): FAILED: \(error)")
        failed = true
    }
}
exit(failed ? 1 : 0)
