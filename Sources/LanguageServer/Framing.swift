/// What the frame reader found next in the byte stream.
public enum FrameEvent: Sendable, Equatable {
    /// A complete message body.
    case frame([UInt8])
    /// Bytes that were not a valid frame; the reader skipped to the next header.
    case malformed(String)
}

/// Splits a byte stream into `Content-Length` framed messages (LSP base protocol).
///
/// Pure and incremental: feed bytes with `append`, take events with `next`. A malformed
/// header, a bad or oversized length, or garbage is reported once and the reader
/// resynchronises on the next `Content-Length:` header it can find.
public struct FrameReader: Sendable {
    /// Largest body accepted.
    public let maxBodyBytes: Int
    /// Longest header block accepted before it is treated as garbage.
    public let maxHeaderBytes = 8192
    private var buffer: [UInt8] = []
    private var start = 0
    /// After a malformed header: bytes are skipped until the next `Content-Length:` arrives,
    /// so the events do not depend on how the stream was cut into reads.
    private var skippingToHeader = false

    public init(maxBodyBytes: Int = 64 << 20) { self.maxBodyBytes = maxBodyBytes }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet consumed.
    public var pendingCount: Int { buffer.count - start }

    public mutating func next() -> FrameEvent? {
        if skippingToHeader && !skipToHeader(from: start) { return nil }
        guard start < buffer.count else { return nil }
        guard let headerEnd = find(Self.headerTerminator, from: start, limit: start + maxHeaderBytes) else {
            if buffer.count - start >= maxHeaderBytes + Self.headerTerminator.count {
                return resync(after: start, "no end of header within \(maxHeaderBytes) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        let length: Int
        switch Self.contentLength(in: header) {
        case .failure(let problem): return resync(after: start, problem.message)
        case .success(let value): length = value
        }
        if length > maxBodyBytes {
            return resync(after: start, "Content-Length \(length) exceeds the limit of \(maxBodyBytes) bytes")
        }
        let bodyStart = headerEnd + Self.headerTerminator.count
        guard buffer.count - bodyStart >= length else {
            // The body is still arriving: room for all of it now, not a copy per doubling.
            buffer.reserveCapacity(bodyStart + length)
            return nil
        }
        let bodyEnd = bodyStart + length
        guard length >= Self.movedBodyBytes else {
            start = bodyEnd
            return .frame(Array(buffer[bodyStart..<bodyEnd]))
        }
        // A large body (a didOpen of a big file) leaves the buffer instead of being copied
        // beside it: the two copies were the reader's peak, twice the body.
        var body = Array(buffer[bodyEnd...])
        buffer.removeSubrange(bodyEnd...)
        buffer.removeSubrange(..<bodyStart)
        swap(&body, &buffer)
        start = 0
        return .frame(body)
    }

    /// Bodies of at least this many bytes are moved out of the buffer rather than copied.
    static let movedBodyBytes = 256 << 10

    /// Bytes the buffer holds room for (tests: a large body is not kept twice).
    var bufferCapacity: Int { buffer.capacity }

    /// If the body just read (by `next`) fails to parse and a header starts inside it, the
    /// frame was truncated (its length swallowed the next frame): re-read from that header.
    public mutating func rewindIntoBody(_ body: [UInt8]) -> Bool {
        // The body followed by what is left: a header name may straddle the body's end.
        let rest = buffer[start...].prefix(Self.headerName.count - 1)
        guard let header = Self.firstIndex(of: Self.headerName, in: (body + rest)[...]), header < body.count else {
            return false
        }
        buffer = Array(body[header...]) + buffer[start...]
        start = 0
        return true
    }

    private mutating func resync(after position: Int, _ problem: String) -> FrameEvent {
        skippingToHeader = true
        _ = skipToHeader(from: position + 1)
        return .malformed(problem)
    }

    /// Moves `start` to the next header name at or after `from`; when none has arrived yet,
    /// keeps only a tail that may be its beginning and returns false.
    private mutating func skipToHeader(from position: Int) -> Bool {
        if let next = find(Self.headerName, from: position, limit: buffer.count) {
            start = next
            skippingToHeader = false
            return true
        }
        start = buffer.count
        for length in stride(from: min(Self.headerName.count - 1, buffer.count - position), through: 1, by: -1) {
            let tail = buffer[(buffer.count - length)...]
            if zip(tail, Self.headerName).allSatisfy({ Self.lower($0) == $1 }) {
                start = buffer.count - length
                break
            }
        }
        return false
    }

    private static let headerTerminator: [UInt8] = Array("\r\n\r\n".utf8)
    private static let headerName: [UInt8] = Array("content-length:".utf8)

    private static func contentLength(in header: String) -> Result<Int, MalformedHeader> {
        var length: Int?
        for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(MalformedHeader("header line without ':'"))
            }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces
            if name == "content-length" {
                guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), value.utf8.count <= 18,
                    let n = Int(value)
                else { return .failure(MalformedHeader("invalid Content-Length '\(value.prefix(40))'")) }
                length = n
            } else if name.isEmpty || name.contains(where: { $0 == " " || $0 == "\n" || $0 == "\r" }) {
                return .failure(MalformedHeader("invalid header name"))
            }
        }
        guard let length else { return .failure(MalformedHeader("missing Content-Length header")) }
        return .success(length)
    }

    /// Finds `needle` (ASCII-case-insensitively for letters) in the buffer.
    private func find(_ needle: [UInt8], from: Int, limit: Int) -> Int? {
        let end = min(limit, buffer.count)
        guard from < end else { return nil }
        return Self.firstIndex(of: needle, in: buffer[from..<end])
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            var k = 0
            while k < needle.count && lower(haystack[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
}

private struct MalformedHeader: Error { var message: String; init(_ m: String) { message = m } }

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}

/// The bytes of one outgoing frame.
public func encodeFrame(_ body: [UInt8]) -> [UInt8] { frameHeader(bodyCount: body.count) + body }

/// The header of a frame whose body has `bodyCount` bytes.
func frameHeader(bodyCount: Int) -> [UInt8] { Array("Content-Length: \(bodyCount)\r\n\r\n".utf8) }
