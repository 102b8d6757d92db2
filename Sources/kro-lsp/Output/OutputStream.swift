#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KroEngine

/// Standard output written as it is made, in pieces of about `pieceBytes`: a report of
/// many findings never exists whole (it was one String, 35 MB for 100,000 findings).
struct OutputStream {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    static let pieceBytes = 64 << 10

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.pieceBytes + Self.pieceBytes / 4)
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.pieceBytes { flush() }
    }

    mutating func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.pieceBytes { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { _ = StandardStreams.write($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }
}
