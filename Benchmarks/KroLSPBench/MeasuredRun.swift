#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A run of `kro-lsp` whose own peak memory is read back, through a launcher.
///
/// Linux sets a child's `ru_maxrss` at exec to the peak of the memory it had before, and a
/// spawned child has, until its exec, its parent's: read directly, the figure was this
/// benchmark's own peak whenever that was higher (114 MB reported for a `--check` that
/// peaked at 78 MB, after the server session of the same size). So the benchmark starts a
/// fresh copy of itself (`launchFlag`), small at its exec, which starts the binary, waits
/// for it and prints its status, peak, CPU and wall time (the launcher's own start is not in them).
struct MeasuredRun {
    static let launchFlag = "--launch-measured"

    var status: Int32
    /// Bytes.
    var peakRSS: Int
    var cpu: Double
    var wall: Double

    /// Runs `executable arguments`, its output to /dev/null.
    static func run(_ executable: String, _ arguments: [String]) throws -> MeasuredRun {
        let launcher = try Subprocess("/proc/self/exe", [launchFlag, executable] + arguments, pipeIO: true)
        close(launcher.stdinFD)
        let output = FileHandle(fileDescriptor: launcher.stdoutFD, closeOnDealloc: false).readDataToEndOfFile()
        let launched = launcher.wait()
        let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard launched.status == 0, fields.count == 4, let status = Int32(fields[0]), let rss = Int(fields[1]),
              let cpu = Double(fields[2]), let wall = Double(fields[3]) else {
            throw BenchError("the launcher for \(executable) failed (status \(launched.status))")
        }
        return MeasuredRun(status: status, peakRSS: rss, cpu: cpu, wall: wall)
    }

    /// The launcher's side: runs the command and prints "status peakRSS cpu wall"; never returns.
    static func launch(_ command: [String]) -> Never {
        let clock = ContinuousClock()
        let started = clock.now
        guard let executable = command.first,
              let (status, rss, cpu) = try? Subprocess(executable, Array(command.dropFirst()), pipeIO: false).wait()
        else { exit(1) }
        print("\(status) \(rss) \(cpu) \((clock.now - started).seconds)")
        exit(0)
    }
}
