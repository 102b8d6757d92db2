#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A child process with pipes, spawned with posix_spawn so the benchmark can wait for it
/// with `wait4` and read its peak memory.
final class Subprocess {
    let pid: pid_t
    /// The child's stdin (write end) and stdout (read end); -1 when not piped.
    let stdinFD: Int32
    let stdoutFD: Int32

    init(_ executable: String, _ arguments: [String], pipeIO: Bool) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        if pipeIO {
            guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw BenchError("pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
            posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
            for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw BenchError("cannot spawn \(executable): \(String(cString: strerror(status)))") }
        pid = child
        if pipeIO {
            close(toChild[0]); close(fromChild[1])
            stdinFD = toChild[1]; stdoutFD = fromChild[0]
        } else {
            stdinFD = -1; stdoutFD = -1
        }
    }

    /// The peak resident set so far (VmHWM), in bytes; nil once the process is gone.
    func peakRSS() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }

    /// CPU seconds (user + system) the process has used so far (/proc/PID/stat, in clock
    /// ticks): on a shared, loaded machine this is the repeatable figure, wall time is not.
    func cpuSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Waits for exit; the exit status, the peak resident set (ru_maxrss) in bytes and the
    /// CPU seconds used. The peak is at least this process's own when it spawned the child
    /// (`MeasuredRun` says why and measures around it).
    func wait() -> (status: Int32, peakRSS: Int, cpu: Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        if stdinFD >= 0 { close(stdinFD) }
        if stdoutFD >= 0 { close(stdoutFD) }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return (exit, Int(usage.ru_maxrss) * 1024, cpu)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
