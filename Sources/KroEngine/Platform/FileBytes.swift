#if canImport(Glibc)
import Glibc
#endif

/// A file's bytes read straight into the array the engine keeps. `FileManager.contents`
/// returns a `Data` that must then be copied into `[UInt8]`, so the file was held twice
/// while it was read (a 50 MB file: 100 MB).
public enum FileBytes {
    /// The most a file read gives: a larger file, or one without an end (a link to a device,
    /// a pipe that never closes, met in a folder from a pull request), is not read on (a
    /// link to /dev/zero took 3 GB in 7 s and aborted). Twice the YAML document limit.
    public static let maxFileSize = 128 << 20

    public enum Failure: Error, Equatable {
        case unreadable
        case tooLarge(limit: Int)

        /// One sentence about `name`, naming the limit.
        public func message(_ name: String) -> String {
            switch self {
            case .unreadable: "\(name): cannot be read"
            case .tooLarge(let limit):
                "\(name): larger than \(limit >> 20) MiB, kro-lsp's limit for a file (or without an end); not read"
            }
        }
    }

    public static func read(_ path: String, limit: Int = maxFileSize) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable) }
        defer { close(fd) }
        return read(descriptor: fd, limit: limit)
    }

    /// Reads to the end, or to one byte past `limit`; unreadable on a read error or a directory.
    public static func read(descriptor fd: Int32, limit: Int = maxFileSize) -> Result<[UInt8], Failure> {
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return .failure(.unreadable) }
        // The size is a hint: a pipe says 0, a file may grow while it is read. One byte
        // more than the size, so a file read whole needs no second round.
        var capacity = min(max(Int(status.st_size) + 1, 64 << 10), limit + 1)
        var bytes: [UInt8] = []
        while true {
            var failed = false
            let kept = bytes.count
            let next = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                if kept > 0 {
                    bytes.withUnsafeBufferPointer { buffer.baseAddress!.initialize(from: $0.baseAddress!, count: kept) }
                }
                count = kept
                while count < capacity {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
                    if n > 0 { count += n } else if n < 0 && errno == EINTR { continue } else { failed = n < 0; break }
                }
            }
            if failed { return .failure(.unreadable) }
            bytes = next
            if bytes.count > limit { return .failure(.tooLarge(limit: limit)) }
            if bytes.count < capacity { return .success(bytes) }
            capacity = min(capacity * 2, limit + 1)
        }
    }
}
