import JSON
import Testing

/// `JSONTextWriter` writes, piece by piece, the bytes `JSONSerializer` writes for the tree.
@Suite struct JSONTextWriterTests {
    let serializer = JSONSerializer(options: .init(nonFiniteNumbers: .null))

    func text(_ write: (inout JSONTextWriter) -> Void) -> [UInt8] {
        var writer = JSONTextWriter()
        write(&writer)
        return writer.finish().bytes
    }

    @Test func nestedObjectsAndArraysMatchTheTree() throws {
        let tree: JSONValue = ["a": [1, -2, ["b": "c"], [], [:]], "é\n\"": "😀\u{01}\t\\/<&\u{2028}", "z": [[]], "n": nil]
        let written = text { w in
            w.beginObject()
            w.key("a")
            w.beginArray()
            w.int(1); w.int(-2)
            w.beginObject(); w.key("b"); w.string("c"); w.endObject()
            w.beginArray(); w.endArray()
            w.beginObject(); w.endObject()
            w.endArray()
            w.key("é\n\""); w.string("😀\u{01}\t\\/<&\u{2028}")
            w.key("z"); w.beginArray(); w.beginArray(); w.endArray(); w.endArray()
            w.key("n"); w.value(nil)
            w.endObject()
        }
        #expect(written == (try serializer.serialize(tree)))
        #expect(try JSONParser.parse(written) == tree)
    }

    @Test(arguments: [0, 7, -7, 10, 99, -100, 1_234_567_890, Int.max, Int.min])
    func integersAreWrittenAsTheSerializerWritesThem(value: Int) throws {
        #expect(text { $0.int(value) } == (try serializer.serialize(.int(Int64(value)))))
        #expect(text { $0.int(value) } == Array(String(value).utf8))
    }

    @Test func largeTextIsCutIntoPiecesAndTakenOverWhole() throws {
        let numbers = (0..<200_000).map { Int64($0 * 7 - 1000) }
        var writer = JSONTextWriter()
        writer.beginArray()
        for n in numbers { writer.int(Int(n)) }
        writer.endArray()
        let large = writer.finish()
        let tree = JSONValue.array(numbers.map { .int($0) })
        #expect(large.bytes == (try serializer.serialize(tree)))
        #expect(large.chunks.count > 1 && large.chunks.dropLast().allSatisfy { $0.count >= JSONTextWriter.chunkBytes })
        // Kept texts hold no room for more: each piece's storage is about its size.
        #expect(large.chunks.allSatisfy { $0.capacity - $0.count <= $0.count / 8 + 64 }, "\(large.chunks.map { ($0.count, $0.capacity) })")
        // Inside an object, after a small fragment, and followed by more members.
        let written = text { w in
            w.beginObject()
            w.key("small"); w.fragment(JSONFragment([1]))
            w.key("large"); w.fragment(large)
            w.key("after"); w.string("é")
            w.endObject()
        }
        #expect(written == (try serializer.serialize(["small": [1], "large": tree, "after": "é"])))
    }

    @Test func treesAndFragmentsGoInAsValues() throws {
        let part: JSONValue = ["x": [1.5, .double(.nan), true, false, nil, "ü"]]
        let fragment = JSONFragment(part)
        #expect(fragment.bytes == (try serializer.serialize(part)))
        let written = text { w in
            w.beginArray(); w.fragment(fragment); w.value(part); w.int(3); w.fragment(JSONFragment([])); w.endArray()
        }
        #expect(written == (try serializer.serialize([part, part, 3, []])))
    }

    /// `--check --format json` writes its document out as it goes: the pieces taken while
    /// writing, then what `finish` gives, are the tree's bytes; nothing is taken twice.
    @Test func piecesTakenWhileWritingAreTheTextInOrder() throws {
        let items: [JSONValue] = (0..<30_000).map { ["n": .int(Int64($0)), "s": .string("é\($0)\n")] }
        var writer = JSONTextWriter()
        var out: [UInt8] = []
        var taken = 0
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in items {
            writer.value(item)
            writer.takePieces { out += $0; taken += 1 }
        }
        writer.endArray()
        writer.endObject()
        for piece in writer.finish().chunks { out += piece }
        #expect(taken > 1)
        #expect(out == (try serializer.serialize(["items": .array(items)])))
    }
}
