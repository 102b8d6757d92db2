import LanguageServer

/// JSON-RPC framing: the events the frame reader reports do not depend on how the byte
/// stream is cut into reads (one read, byte by byte, or chunks cut where the input says).
enum JSONRPCFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let whole = events(input, cuts: [input.count])
        let bytewise = events(input, cuts: Array(repeating: 1, count: input.count))
        v.expect(whole == bytewise, "events differ when the stream arrives byte by byte")
        let chunked = events(input, cuts: input.prefix(16).map { Int($0 % 37) + 1 })
        v.expect(whole == chunked, "events differ when the stream arrives in chunks")
        return v.list
    }

    /// The events for `input` delivered in reads of the given sizes (the rest in one read).
    static func events(_ input: [UInt8], cuts: [Int]) -> [FrameEvent] {
        var reader = FrameReader(maxBodyBytes: 1 << 16)
        var out: [FrameEvent] = []
        var offset = 0
        for size in cuts where offset < input.count {
            let end = min(input.count, offset + size)
            reader.append(input[offset..<end])
            offset = end
            while let event = reader.next() { out.append(event) }
        }
        if offset < input.count {
            reader.append(input[offset...])
            while let event = reader.next() { out.append(event) }
        }
        return out
    }
}
