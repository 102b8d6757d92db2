#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON
import KroEngine

/// Writes frames to a file descriptor, or hands messages to a closure (the in-memory
/// transport of tests and benchmarks); safe to call from any task.
final class FrameWriter: @unchecked Sendable {
    private let fd: Int32
    private let deliver: (@Sendable (JSONValue) -> Void)?
    private let lock = Lock()

    init(fd: Int32) { self.fd = fd; self.deliver = nil }

    init(deliver: @escaping @Sendable (JSONValue) -> Void) { self.fd = -1; self.deliver = deliver }

    func send(_ message: JSONValue) { send(.tree(message)) }

    /// A message written as text is handed to `deliver` as the tree its text reads as.
    func send(_ message: Payload) {
        if let deliver {
            let tree: JSONValue = switch message {
            case .tree(let value): value
            case .text(let text): (try? JSONParser.parse(text.bytes)) ?? .null
            }
            lock.lock()
            defer { lock.unlock() }
            return deliver(tree)
        }
        let body: [[UInt8]] = switch message {
        case .tree(let value): [(try? JSONSerializer(options: .init(nonFiniteNumbers: .null)).serialize(value)) ?? Array("null".utf8)]
        case .text(let text): text.chunks
        }
        // The header, then the body piece by piece: a large body is not copied into a frame first.
        let header = frameHeader(bodyCount: body.reduce(0) { $0 + $1.count })
        lock.lock()
        defer { lock.unlock() }
        for bytes in [header] + body {
            // A failed write means the client went away; the reader will see EOF.
            guard bytes.withUnsafeBytes({ StandardStreams.write($0, to: fd) }) else { return }
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
                n = systemRead(fd, buffer.baseAddress, buffer.count)
                error = errno
                count = max(n, 0)
            }
            if n < 0 && error == EINTR { continue }
            if n <= 0 { return nil }
            return chunk
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
