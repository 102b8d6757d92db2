import Foundation
import JSON
import Testing
@testable import LanguageServer

@Suite struct FramingTests {
    func frame(_ body: String) -> [UInt8] { encodeFrame(Array(body.utf8)) }

    func events(_ reader: inout FrameReader) -> [FrameEvent] {
        var result: [FrameEvent] = []
        while let event = reader.next() { result.append(event) }
        return result
    }

    @Test func readsFramesSplitAcrossChunksByBytes() {
        var reader = FrameReader()
        let stream = frame("{\"a\":\"é😀\"}") + frame("[]")
        var seen: [FrameEvent] = []
        for byte in stream {
            reader.append([byte])
            seen += events(&reader)
        }
        #expect(seen == [.frame(Array("{\"a\":\"é😀\"}".utf8)), .frame(Array("[]".utf8))])
        #expect(reader.pendingCount == 0)
    }

    /// A large body arriving in reads of any size (the reader makes room for the whole body
    /// once its header is in) comes out whole, with the frames around it.
    @Test(arguments: [1, 7, 4_096, 65_536, 300_001]) func largeBodiesInChunksOfAnySize(chunk: Int) {
        let body = (0..<700_000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let stream = frame("[1]") + encodeFrame(body) + frame("{}")
        var reader = FrameReader()
        var seen: [FrameEvent] = []
        var offset = 0
        while offset < stream.count {
            reader.append(stream[offset..<min(offset + chunk, stream.count)])
            offset += chunk
            seen += events(&reader)
        }
        #expect(seen == [.frame(Array("[1]".utf8)), .frame(body), .frame(Array("{}".utf8))])
        #expect(reader.pendingCount == 0)
    }

    /// Chunks read from a pipe are the bytes written, in order, then end of input.
    @Test func byteSourceReadsWhatWasWritten() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let writer = Thread {
            bytes.withUnsafeBytes { raw in
                var written = 0
                while written < raw.count {
                    let n = write(writeEnd, raw.baseAddress! + written, raw.count - written)
                    if n <= 0 { break }
                    written += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        let source = ByteSource(fd: readEnd)
        var read: [UInt8] = []
        while let chunk = source.read() { read += chunk }
        close(readEnd)
        #expect(read == bytes)
    }

    @Test func acceptsOtherHeadersAndAnyCase() {
        var reader = FrameReader()
        reader.append(Array("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8))
        #expect(events(&reader) == [.frame(Array("{}".utf8))])
    }

    @Test func resynchronisesAfterGarbageAndBadHeaders() {
        var reader = FrameReader()
        reader.append(Array("junk\r\n\r\n".utf8) + Array("Content-Length: x\r\n\r\n".utf8) + frame("1"))
        let seen = events(&reader)
        #expect(seen.count == 3)
        if case .malformed(let problem) = seen[0] { #expect(problem.contains("header")) } else { Issue.record("\(seen)") }
        if case .malformed(let problem) = seen[1] { #expect(problem.contains("Content-Length")) } else { Issue.record("\(seen)") }
        #expect(seen[2] == .frame(Array("1".utf8)))
    }

    @Test func refusesOversizedFrames() {
        var reader = FrameReader(maxBodyBytes: 10)
        reader.append(Array("Content-Length: 11\r\n\r\n".utf8) + frame("2"))
        let seen = events(&reader)
        #expect(seen.first == .malformed("Content-Length 11 exceeds the limit of 10 bytes"))
        #expect(seen.last == .frame(Array("2".utf8)))
    }

    @Test func headerWithoutEndIsGarbageOnceLongEnough() {
        var reader = FrameReader()
        reader.append([UInt8](repeating: 0x41, count: 9000))
        #expect(events(&reader).count == 1)
        reader.append(frame("3"))
        #expect(events(&reader) == [.frame(Array("3".utf8))])
    }

    /// A large body is moved out of the reader, not copied beside its bytes in the buffer.
    @Test func largeBodyIsNotKeptTwice() {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * FrameReader.movedBodyBytes)
        var reader = FrameReader()
        reader.append(encodeFrame(body) + frame("[2]"))
        #expect(reader.next() == .frame(body))
        #expect(reader.bufferCapacity < FrameReader.movedBodyBytes)
        #expect(reader.next() == .frame(Array("[2]".utf8)))
        #expect(reader.pendingCount == 0)
    }

    /// A truncated large body (moved out of the buffer) rewinds like a small one, also when
    /// the next header's name straddles the body's end.
    @Test(arguments: [1, 5, 14, 20]) func rewindsATruncatedLargeFrame(straddle: Int) {
        let filler = [UInt8](repeating: UInt8(ascii: "y"), count: FrameReader.movedBodyBytes)
        let next = frame("[3]")
        let declared = 1 + filler.count + straddle  // swallows `straddle` bytes of the next header
        var reader = FrameReader()
        reader.append(Array("Content-Length: \(declared)\r\n\r\n[".utf8) + filler + next)
        guard case .frame(let body)? = reader.next() else { Issue.record("no frame"); return }
        #expect(body.count == declared)
        let rewound = reader.rewindIntoBody(body)
        #expect(rewound)
        #expect(reader.next() == .frame(Array("[3]".utf8)))
        #expect(reader.pendingCount == 0)
    }

    @Test func rewindsATruncatedFrameIntoTheNextOne() {
        var reader = FrameReader()
        // Declares 12 bytes, has 5, then a real frame follows.
        reader.append(Array("Content-Length: 12\r\n\r\n{\"a\":".utf8) + frame("[1]"))
        guard case .frame(let body)? = reader.next() else { Issue.record("no frame"); return }
        let rewound = reader.rewindIntoBody(body)
        #expect(rewound)
        #expect(reader.next() == .frame(Array("[1]".utf8)))
    }
}

@Suite struct MessageDecodingTests {
    func decode(_ text: String) -> Result<Message, DecodeFailure> { Message.decode(Array(text.utf8)) }

    @Test func decodesRequestsNotificationsAndResponses() {
        guard case .success(.request(let id, let method, _)) = decode(#"{"jsonrpc":"2.0","id":"x","method":"m"}"#) else {
            Issue.record("not a request"); return
        }
        #expect(id == .string("x"))
        #expect(method == "m")
        guard case .success(.notification(let name, let params)) = decode(#"{"jsonrpc":"2.0","method":"n","params":[1]}"#) else {
            Issue.record("not a notification"); return
        }
        #expect(name == "n")
        #expect(params == [1])
        guard case .success(.response(let rid, .failure(let error))) =
            decode(#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#) else {
            Issue.record("not a response"); return
        }
        #expect(rid == .int(3))
        #expect(error.code == -1)
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"#, -32700, false),
        (#"[1]"#, -32600, false),
        (#"{"id":1,"method":"m"}"#, -32600, true),
        (#"{"jsonrpc":"2.0","id":1,"method":3}"#, -32600, true),
        (#"{"jsonrpc":"2.0","id":1,"method":"m","params":3}"#, -32600, true),
        (#"{"jsonrpc":"2.0","id":[1],"method":"m"}"#, -32600, false),
        (#"{"jsonrpc":"2.0"}"#, -32600, false),
    ])
    func rejects(text: String, code: Int, keepsID: Bool) {
        guard case .failure(let failure) = decode(text) else { Issue.record("accepted \(text)"); return }
        #expect(failure.error.code == code)
        #expect((failure.id != nil) == keepsID)
    }
}
