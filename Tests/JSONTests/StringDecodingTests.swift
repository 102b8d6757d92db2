import Testing
import KroTestSupport
@testable import JSON

/// Strings with escapes are decoded into one scratch buffer per document (runs copied
/// whole, `\n` on a fast path, strings without escapes made from the input directly).
/// Held to a plain decoder that appends byte by byte to a fresh array per string.
@Suite struct StringDecodingTests {
    /// Byte-by-byte decoding of the JSON string literal starting at `bytes[i]` (its quote);
    /// returns the string and the index after its closing quote.
    static func reference(_ bytes: [UInt8], from i: Int) -> (String, Int) {
        var out: [UInt8] = []
        var k = i + 1
        func hex(_ at: Int) -> UInt32 { UInt32(String(decoding: bytes[at..<(at + 4)], as: UTF8.self), radix: 16)! }
        while bytes[k] != UInt8(ascii: "\"") {
            guard bytes[k] == UInt8(ascii: "\\") else { out.append(bytes[k]); k += 1; continue }
            let e = bytes[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = hex(k)
                k += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    if bytes[k] == UInt8(ascii: "\\"), bytes[k + 1] == UInt8(ascii: "u"), (0xDC00..<0xE000).contains(hex(k + 2)) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex(k + 2) - 0xDC00)
                        k += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                out += Array(String(UnicodeScalar(scalar)!).utf8)
            default: out.append(e)  // \" \\ \/
            }
        }
        return (String(decoding: out, as: UTF8.self), k + 1)
    }

    /// Pieces a string literal is made of: plain runs of every length, each escape,
    /// surrogate pairs and lone halves, multi-byte UTF-8.
    static let pieces = ["a", "plain text ", "0123456789abcdef0123", "\\n", "\\n", "\\r\\n", "\\t", "\\\"", "\\\\",
                         "\\/", "\\b", "\\f", "\\u0041", "\\u00e9", "\\u20AC", "\\uD83D\\uDE00", "\\uD83D", "\\uDE00x",
                         "\\uD83Dx", "é", "€", "😀", "  key: value", String(repeating: "y", count: 300)]

    static func literal(_ random: inout SplitMix64) -> String {
        let count = random.next(below: 4) == 0 ? 0 : 1 + random.next(below: random.next(below: 3) == 0 ? 400 : 12)
        return "\"" + (0..<count).map { _ in pieces[random.next(below: pieces.count)] }.joined() + "\""
    }

    @Test(arguments: 0..<200) func documentsOfManyStringsDecodeAsThePlainDecoder(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        // Several strings in one document share the scratch buffer: a short one after a
        // long one must not keep the long one's bytes.
        let literals = (0..<(1 + random.next(below: 8))).map { _ in Self.literal(&random) }
        let text = "[" + literals.joined(separator: ",") + "]"
        let bytes = Array(text.utf8)
        // Long strings are decoded straight into their String: every string is, at threshold 0.
        for threshold in [JSONParser.Options().directDecodeBytes, 0, 7, 40] {
            let parser = JSONParser(options: .init(directDecodeBytes: threshold))
            guard case .array(let values) = try parser.parse(bytes) else { Issue.record("not an array"); return }
            var i = 1
            for (n, value) in values.enumerated() {
                let (expected, next) = Self.reference(bytes, from: i)
                #expect(value == .string(expected), "seed \(seed), threshold \(threshold), string \(n): \(literals[n])")
                i = next + 1
            }
            #expect(values.count == literals.count)
        }
    }

    /// A bad string fails at the same byte whichever way it is decoded.
    @Test(arguments: ["\"ab\\qcd\"", "\"ab\ncd\"", "\"abcd", "\"ab\\u12G4\"", "\"ab\\", "\"a\\nb\u{1}\"",
                      "\"é\\n\\\"", "[\"x\\n\",\"y"])
    func badStringsFailAtTheSameByte(text: String) {
        let bytes = Array(text.utf8)
        func failure(_ threshold: Int) -> String {
            do {
                _ = try JSONParser(options: .init(directDecodeBytes: threshold)).parse(bytes)
                return "parsed"
            } catch { return "\(error)" }
        }
        let plain = failure(JSONParser.Options().directDecodeBytes)
        #expect(plain != "parsed")
        for threshold in [0, 1, 3] { #expect(failure(threshold) == plain, "threshold \(threshold)") }
        // Invalid UTF-8 inside a string, read both ways.
        let invalid = Array("\"ab\\n".utf8) + [0xC3, 0x28] + Array("\"".utf8)
        let invalidPlain = (try? JSONParser().parse(invalid)) == nil
        #expect(invalidPlain)
        #expect((try? JSONParser(options: .init(directDecodeBytes: 0)).parse(invalid)) == nil)
    }

    /// As a didOpen holds it: a long text, one escape per line.
    @Test func aDocumentTextDecodesAsThePlainDecoder() throws {
        var random = SplitMix64(seed: 99)
        let lines = (0..<3_000).map { k in String(repeating: " ", count: random.next(below: 12)) + "line\(k): " + Self.pieces[random.next(below: Self.pieces.count)] }
        let literal = "\"" + lines.joined(separator: "\\n") + "\\n\""
        let bytes = Array(("{\"text\":" + literal + ",\"after\":\"x\\ty\"}").utf8)
        let value = try JSONParser.parse(bytes)
        #expect(value["text"] == .string(Self.reference(bytes, from: 8).0))
        #expect(value["after"] == .string("x\ty"))
    }
}
