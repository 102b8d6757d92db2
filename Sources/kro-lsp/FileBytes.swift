#if canImport(Glibc)
import Glibc
#endif

/// A file's bytes read straight into the array the engine keeps. `FileManager.contents`
/// returns a `Data` that must then be copied into `[UInt8]`, so the file was held twice
/// while it was read (a 50 MB file: 100 MB).
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return read(descriptor: fd)
    }

    /// Reads to the end; nil on a read error or a directory.
    static func read(descriptor fd: Int32) -> [UInt8]? {
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return nil }
        // The size is a hint: a pipe says 0, a file may grow while it is read. One byte
        // more than the size, so a file read whole needs no second round.
        var capacity = max(Int(status.st_size) + 1, 64 << 10)
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
            if failed { return nil }
            bytes = next
            if bytes.count < capacity { return bytes }
            capacity *= 2
        }
    }
}
