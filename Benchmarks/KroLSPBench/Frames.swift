import Foundation

/// LSP base-protocol framing for the benchmark's client (kept here so the benchmark
/// depends on no server code: it measures the binary from outside).
struct Frames {
    private var buffer: [UInt8] = []
    private var start = 0

    mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 1 << 20 { buffer.removeFirst(start); start = 0 }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete body, if one has arrived.
    mutating func next() throws -> [UInt8]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end = start
        while end + 4 <= buffer.count, !buffer[end..<end + 4].elementsEqual(separator) { end += 1 }
        guard end + 4 <= buffer.count else { return nil }
        let header = String(decoding: buffer[start..<end], as: UTF8.self)
        guard let line = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
            throw BenchError("a frame without Content-Length: \(header)")
        }
        guard end + 4 + length <= buffer.count else { return nil }
        let body = Array(buffer[end + 4..<end + 4 + length])
        start = end + 4 + length
        return body
    }

    static func encode(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
