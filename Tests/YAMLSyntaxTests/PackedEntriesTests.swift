import Testing
@testable import YAMLSyntax

/// A long mapping whose keys and values are scalars that are their own source text keeps
/// them packed (`YAMLEntries`): read back, entry for entry what the parse into nodes gives,
/// and the same duplicate keys, lookups and effective entries.
@Suite struct PackedEntriesTests {
    static let values = ["v", "'q v'", "\"dé\"", "1", "~", ".nan", "''", "ü€𝄞", "x" + String(repeating: "y", count: 63)]

    /// `count` entries `k<i>: value`, in a flow or a block mapping, each `repeatEvery`-th
    /// key written again (0: none), and a merge key when asked.
    static func mapping(_ count: Int, flow: Bool, repeatEvery: Int = 0, mergeKey: Bool = false) -> String {
        var entries = (0..<count).map { i -> String in
            let key = repeatEvery > 0 && i % repeatEvery == repeatEvery - 1 ? "k\(i / 2)" : "k\(i)"
            return "\(i % 3 == 0 ? "'\(key)'" : key): \(values[i % values.count])"
        }
        if mergeKey { entries.insert("<<: plain", at: count / 2) }
        return flow ? "m: {" + entries.joined(separator: ", ") + "}\n"
            : "m:\n" + entries.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String, packFrom: Int) -> YAMLFile {
        var limits = YAMLLimits.default
        limits.packScalarListsFrom = packFrom
        return YAMLParser.parse(SourceText(text), limits: limits)
    }

    static func mapping(of file: YAMLFile) -> YAMLMapping? { file.documents.first?.root?.mapping?.value(forKey: "m")?.mapping }

    @Test(arguments: [false, true], [0, 7])
    func aLongMappingIsPackedAndReadsAsNodes(flow: Bool, repeatEvery: Int) throws {
        let text = Self.mapping(1_000, flow: flow, repeatEvery: repeatEvery)
        let packedFile = Self.parse(text, packFrom: YAMLLimits.default.packScalarListsFrom)
        let nodesFile = Self.parse(text, packFrom: .max)
        let packed = try #require(Self.mapping(of: packedFile))
        let nodes = try #require(Self.mapping(of: nodesFile))
        #expect(packed.entries.arePackedScalars && !nodes.entries.arePackedScalars)
        #expect(Array(packed.entries) == nodes.entries.array)
        for i in [0, 1, 16, 17, 499, 999] { #expect(packed.entries[i] == nodes.entries[i]) }
        #expect(packedFile.documents == nodesFile.documents)
        #expect(packedFile.documents[0].duplicateKeys == nodesFile.documents[0].duplicateKeys)
        // k<i/2> was written before unless that key was itself replaced by a repeat.
        #expect(repeatEvery == 0 ? packedFile.documents[0].duplicateKeys.isEmpty : packedFile.documents[0].duplicateKeys.count > 50)
        #expect(packed.entriesAreKnownEffective == (repeatEvery == 0))
        #expect(Array(packed.effectiveEntries) == Array(nodes.effectiveEntries))
        let lookup = YAMLEntryLookup()
        for key in ["k0", "k3", "k6", "k498", "k999", "k1000", "absent"] {
            #expect(packed.entry(forKey: key) == nodes.entry(forKey: key), "\(key)")
            #expect(lookup.entry(key, in: packed) == nodes.entry(forKey: key), "\(key)")
        }
        var keys: [YAMLNode] = []
        packed.entries.forEachKey { _, key in keys.append(key) }
        #expect(keys == nodes.entries.map(\.key))
        keys.removeAll()
        packed.entries.forEachKey(at: [3, 17, 900]) { _, key in keys.append(key) }
        #expect(keys == [3, 17, 900].map { nodes.entries[$0].key })
    }

    /// A `<<` key among packed scalars is a merge key: the entries are not taken as written.
    @Test func aMergeKeyAmongPackedEntriesIsSeen() throws {
        let text = Self.mapping(600, flow: false, mergeKey: true)
        let packed = try #require(Self.mapping(of: Self.parse(text, packFrom: 256)))
        let nodes = try #require(Self.mapping(of: Self.parse(text, packFrom: .max)))
        #expect(packed.entries.arePackedScalars)
        #expect(!packed.entriesAreKnownEffective)
        #expect(Array(packed.effectiveEntries) == Array(nodes.effectiveEntries))
    }

    /// A value that cannot be packed after the first 256 entries unpacks the mapping.
    @Test func aCollectionValueUnpacksTheMapping() throws {
        let text = Self.mapping(400, flow: false) + "  late: {a: 1}\n  after: v\n"
        let packedFile = Self.parse(text, packFrom: 256)
        let mapping = try #require(Self.mapping(of: packedFile))
        #expect(!mapping.entries.arePackedScalars)
        #expect(mapping.entries.count == 402)
        #expect(mapping.value(forKey: "late")?.mapping?.value(forKey: "a")?.scalar?.value == "1")
        #expect(packedFile.documents == Self.parse(text, packFrom: .max).documents)
    }

    /// The children before a long run of packable ones stay nodes (the head); the run to
    /// the end is packed. A short run among them is not.
    @Test(arguments: [false, true]) func entriesBeforeTheRunStayNodes(flow: Bool) throws {
        let before = flow ? "m: {first: {a: 1}, " + (0..<100).map { "s\($0): v" }.joined(separator: ", ") + ", mid: [x], "
            : "m:\n  first: {a: 1}\n" + (0..<100).map { "  s\($0): v\n" }.joined() + "  mid: [x]\n"
        let run = Self.mapping(400, flow: flow)
        let text = before + (flow ? String(run.dropFirst(4)) : String(run.dropFirst(3)))
        let packedFile = Self.parse(text, packFrom: 256)
        let nodesFile = Self.parse(text, packFrom: .max)
        let packed = try #require(Self.mapping(of: packedFile))
        #expect(packed.entries.arePackedScalars)
        #expect(packed.entries.count == 502)
        #expect(packedFile.documents == nodesFile.documents)
        var unpacked = 0
        packed.entries.forEachUnpackedBlock { block, first in
            #expect(first == 0)
            unpacked += block.count
            return true
        }
        #expect(unpacked == 102)
        var firstPacked: Int?
        _ = packed.entries.forEachPackedValue { firstPacked = firstPacked ?? $0.index }
        #expect(firstPacked == 204)
        #expect(packed.value(forKey: "first")?.mapping?.value(forKey: "a")?.scalar?.value == "1")
        #expect(packed.value(forKey: "k399")?.scalar?.value == "1" && packed.value(forKey: "k398")?.scalar?.value == "dé")
        var blocks: [Int] = []
        packed.entries.forEachBlock { _, first in blocks.append(first); return true }
        #expect(blocks == [0, 102, 358])
        #expect(Array(packed.entries.shifted(by: 5)) == packed.entries.map { $0.shifted(by: 5) })
    }

    /// Keys that do not read as themselves (numbers, booleans, quoted words) are found as
    /// kubectl reads them, packed or not.
    @Test func keysThatResolveAreFoundAsKubectlReadsThem() throws {
        let text = "m:\n" + (0..<300).map { "  \($0): v\($0)\n" }.joined() + "  true: t\n  '0x10': q\n  0x10: n\n  \"yes\": y\n"
        let packed = try #require(Self.mapping(of: Self.parse(text, packFrom: 256)))
        let nodes = try #require(Self.mapping(of: Self.parse(text, packFrom: .max)))
        #expect(packed.entries.arePackedScalars)
        for key in ["7", "299", "true", "0x10", "16", "yes", "300"] {
            #expect(packed.entry(forKey: key) == nodes.entry(forKey: key), "\(key)")
        }
        #expect(packed.value(forKey: "16")?.scalar?.value == "n" && packed.value(forKey: "0x10")?.scalar?.value == "q")
    }

    @Test func shiftingAPackedMapping() throws {
        let entries = try #require(Self.mapping(of: Self.parse(Self.mapping(300, flow: true), packFrom: 256))?.entries)
        #expect(entries.arePackedScalars)
        let moved = entries.shifted(by: -3)
        #expect(moved.arePackedScalars)
        #expect(Array(moved) == entries.map { YAMLMappingEntry(key: $0.key.shifted(by: -3), value: $0.value.shifted(by: -3)) })
    }
}
