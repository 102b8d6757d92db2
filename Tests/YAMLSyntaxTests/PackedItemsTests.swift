import Foundation
import Testing
@testable import YAMLSyntax

/// A long list of scalars that are their own source text is packed (`YAMLItems`,
/// PackedScalars.swift): read back, it must be node for node what an array of nodes holds.
@Suite struct PackedItemsTests {
    /// Scalars of each packable style, of lengths that cross one-byte numbers, non-ASCII.
    static let packable = ["a", "'b c'", "\"dé\"", "1", ".inf", "''", "\"\"", "x" + String(repeating: "y", count: 63),
                           "ü€𝄞", "'its'"]

    static func flowList(_ count: Int, separator: String = ", ", tail: String = "") -> String {
        "list: [" + (0..<count).map { packable[$0 % packable.count] }.joined(separator: separator) + tail + "]\n"
    }

    static func items(_ text: String) -> YAMLItems? {
        let file = YAMLParser.parse(SourceText(text))
        return file.documents.first?.root?.mapping?.value(forKey: "list")?.sequence?.items
    }

    /// The same list with one more item that cannot be packed: its first items are nodes.
    static func unpackedReference(_ count: Int, separator: String = ", ") -> [YAMLNode] {
        Array(items(flowList(count, separator: separator, tail: separator + "{k: v}"))!.array.prefix(count))
    }

    /// 30,011 items: a packed stream of some hundred kilobytes, read from marks deep in it.
    @Test(arguments: [PackedItemsTests.packFrom, 300, 4_099, 30_011])
    func aLongListIsPackedAndReadsAsNodes(count: Int) throws {
        // The last one makes gaps of two-byte numbers.
        for separator in [", ", ",\n    ", " ,  ", "," + String(repeating: " ", count: 40)] {
            let packed = try #require(Self.items(Self.flowList(count, separator: separator)))
            #expect(packed.arePackedScalars)
            let reference = Self.unpackedReference(count, separator: separator)
            #expect(!YAMLItems(reference).arePackedScalars)
            #expect(Array(packed) == reference)  // in order, through the iterator
            for i in [0, 15, 16, 17, count / 2, count - 1] { #expect(packed[i] == reference[i]) }  // from a mark
            var values: [YAMLNode] = []
            #expect(packed.forEachPackedValue { values.append($0.node) })
            #expect(values == reference)
            #expect(packed == YAMLItems(reference))
            #expect(packed.hashValue == YAMLItems(reference).hashValue)
        }
    }

    static let packFrom = YAMLLimits.default.packScalarListsFrom

    /// A value longer than `PackedScalars.maxValueBytes` stays a node: the run starts after it.
    @Test func aLongValueIsNotPacked() throws {
        let long = String(repeating: "z", count: PackedScalars.maxValueBytes + 1)
        let text = "list: [" + (0..<300).map { $0 == 10 ? long : "a\($0)" }.joined(separator: ", ") + "]\n"
        let items = try #require(Self.items(text))
        #expect(items.arePackedScalars)
        var unpacked = 0
        items.forEachUnpackedBlock { block, _ in unpacked = block.count; return true }
        #expect(unpacked == 11)
        #expect(items[10].scalar?.value == long && items[299].scalar?.value == "a299")
    }

    @Test func aShortListStaysNodes() throws {
        let items = try #require(Self.items(Self.flowList(YAMLLimits.default.packScalarListsFrom - 1)))
        #expect(!items.arePackedScalars)
        #expect(items.count == YAMLLimits.default.packScalarListsFrom - 1)
    }

    /// Block lists pack too; a tag, an anchor, an escape or a collection stops packing,
    /// the items already packed going back as nodes.
    @Test(arguments: ["!!str a", "&x a", "\"e\\n\"", "[a]", "|\n    a"])
    func anItemThatCannotBePackedUnpacksTheList(stopper: String) throws {
        let lines = (0..<400).map { "- " + (($0 == 300) ? stopper : Self.packable[$0 % Self.packable.count]) }
        let block = "list:\n" + lines.joined(separator: "\n") + "\n"
        let items = try #require(Self.items(block))
        #expect(!items.arePackedScalars)
        #expect(items.count == 400)
        let packedBlock = "list:\n" + (0..<400).map { "- " + Self.packable[$0 % Self.packable.count] }.joined(separator: "\n") + "\n"
        let packed = try #require(Self.items(packedBlock))
        #expect(packed.arePackedScalars)
        // The items before the stopper read the same in both lists; the ones after it
        // have the same values, further on.
        for i in [0, 255, 256, 299] { #expect(items[i] == packed[i]) }
        for i in [301, 399] {
            #expect(items[i].scalar?.value == packed[i].scalar?.value && items[i].scalar?.style == packed[i].scalar?.style)
            #expect(items[i].range.start > packed[i].range.start)
        }
        #expect(items[298].scalar?.value == "ü€𝄞")
    }

    /// Items before a long run of packable ones stay nodes; the run to the end is packed.
    @Test func itemsBeforeTheRunStayNodes() throws {
        let text = "list: [{a: 1}, " + (0..<100).map { "s\($0)" }.joined(separator: ", ") + ", [x], "
            + (0..<300).map { Self.packable[$0 % Self.packable.count] }.joined(separator: ", ") + "]\n"
        var limits = YAMLLimits.default
        limits.packScalarListsFrom = .max
        let items = try #require(Self.items(text))
        let reference = try #require(YAMLParser.parse(SourceText(text), limits: limits).documents.first?.root?
            .mapping?.value(forKey: "list")?.sequence?.items)
        #expect(items.arePackedScalars && !reference.arePackedScalars)
        #expect(items == reference && Array(items) == reference.array)
        for i in [0, 1, 101, 102, 103, 401] { #expect(items[i] == reference[i]) }
        var firstPacked: Int?
        _ = items.forEachPackedValue { firstPacked = firstPacked ?? $0.index }
        #expect(firstPacked == 102)
    }

    @Test func valuesAndRangesAreTheSourceText() throws {
        let text = Self.flowList(500)
        let source = SourceText(text)
        let items = try #require(Self.items(text))
        #expect(items.arePackedScalars)
        for (i, item) in items.enumerated() {
            let written = Self.packable[i % Self.packable.count]
            let scalar = try #require(item.scalar)
            #expect(String(decoding: source.bytes[scalar.range.start..<scalar.range.end], as: UTF8.self) == written)
            #expect(scalar.tag == nil && scalar.anchor == nil)
            #expect(mapMismatches(scalar, source).isEmpty)
        }
        var seen: [(String, ScalarStyle)] = []
        let packed = items.forEachPackedValue { scalar in
            seen.append((String(decoding: scalar.value, as: UTF8.self), scalar.style))
            #expect(scalar.node == items[scalar.index])
        }
        #expect(packed)
        #expect(seen.map(\.0) == items.map { $0.scalar?.value })
        #expect(seen.map(\.1) == items.map { $0.scalar?.style })
    }

    @Test func shiftingAndChangingAPackedList() throws {
        let items = try #require(Self.items(Self.flowList(300)))
        let moved = items.shifted(by: 41)
        #expect(moved.arePackedScalars)
        #expect(Array(moved) == items.map { $0.shifted(by: 41) })
        var changed = items
        let replacement = YAMLNode.scalar(YAMLScalar(verbatimValue: "z", style: .plain, range: TextRange(start: 0, end: 1)))
        changed[7] = replacement
        #expect(!changed.arePackedScalars)
        #expect(changed.count == 300 && changed[7] == replacement && changed[8] == items[8])
        #expect(items.arePackedScalars)  // the original is left as it was
        changed.append(replacement)
        #expect(changed.count == 301)
        var blocks: [Int] = []
        items.forEachBlock { block, first in blocks.append(first); return block.count == 256 }
        #expect(blocks == [0, 256])
    }

    /// Every list and mapping of the corpus packed from its first child reads as the
    /// unpacked parse.
    @Test func corpusListsPackedFromTheirFirstItemReadAsNodes() throws {
        var packing = YAMLLimits.default, unpacked = YAMLLimits.default
        (packing.packScalarListsFrom, unpacked.packScalarListsFrom) = (1, .max)
        var packedLists = 0, packedMappings = 0
        for url in CorpusTests.corpusFiles {
            let source = SourceText(bytes: [UInt8](try Data(contentsOf: url)))
            let packed = YAMLParser.parse(source, limits: packing)
            let reference = YAMLParser.parse(source, limits: unpacked)
            #expect(packed.documents == reference.documents && packed.errors == reference.errors, "\(url.lastPathComponent)")
            for document in packed.documents {
                var stack = document.root.map { [$0] } ?? []
                while let node = stack.popLast() {
                    switch node {
                    case .mapping(let m):
                        if m.entries.arePackedScalars { packedMappings += 1 }
                        for e in m.entries { stack.append(e.value) }
                    case .sequence(let s):
                        if s.items.arePackedScalars { packedLists += 1 }
                        stack += s.items
                    case .scalar, .alias: break
                    }
                }
            }
        }
        #expect(packedLists > 100 && packedMappings > 1_000)
    }

    /// An edit inside a long list re-parses to what a full parse gives.
    @Test func anEditInAPackedListReparsesAsAFullParse() {
        let before = "spec:\n  resources:\n  - id: a\n    template:\n      " + Self.flowList(1_000)
            + "  - id: b\n    template:\n      " + Self.flowList(700)
        let after = before.replacingOccurrences(of: "[a, 'b c'", with: "[ab, 'b c'")
        let previous = YAMLParser.parse(SourceText(before))
        let source = SourceText(after)
        #expect(YAMLParser.reparse(source, previous: previous).documents == YAMLParser.parse(source).documents)
    }
}
