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
    func read() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            return Array(chunk[0..<n])
        }
    }
}
