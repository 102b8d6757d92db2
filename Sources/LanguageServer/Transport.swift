import Foundation
import JSON

/// Writes frames to a file descriptor, or hands messages to a closure (the in-memory
/// transport of tests and benchmarks); safe to call from any task.
final class FrameWriter: @unchecked Sendable {
    private let fd: Int32
    private let deliver: (@Sendable (JSONValue) -> Void)?
    private let lock = NSLock()

    init(fd: Int32) { self.fd = fd; self.deliver = nil }

    init(deliver: @escaping @Sendable (JSONValue) -> Void) { self.fd = -1; self.deliver = deliver }

    func send(_ message: JSONValue) {
        if let deliver {
            lock.lock()
            defer { lock.unlock() }
            return deliver(message)
        }
        let body = (try? JSONSerializer(options: .init(nonFiniteNumbers: .null)).serialize(message)) ?? Array("null".utf8)
        let frame = encodeFrame(body)
        lock.lock()
        defer { lock.unlock() }
        frame.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }  // the client went away; the reader will see EOF
                offset += n
            }
        }
    }
}

/// Reads raw bytes from a file descriptor until end of input.
struct ByteSource {
    let fd: Int32

    /// The next chunk, or nil at end of input.
    /// Read straight into an uninitialised array of the size read (a 1 MB didOpen arrives in
    /// ~18 reads: each zero-filled 64 KB and then copied its bytes out).
    func read() -> [UInt8]? {
        while true {
            var n = 0, error: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: 65536) { buffer, count in
                n = Foundation.read(fd, buffer.baseAddress, buffer.count)
                error = errno
                count = max(n, 0)
            }
            if n < 0 && error == EINTR { continue }
            if n <= 0 { return nil }
            return chunk
        }
    }
}
