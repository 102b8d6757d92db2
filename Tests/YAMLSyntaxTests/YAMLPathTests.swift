import Testing
import YAMLSyntax

@Suite struct YAMLPathTests {
    let text = "spec:\n  items:\n  - name: \"héllo\\tx\"\n    port: 80\n  other: z\n"

    func root(_ text: String) throws -> YAMLNode {
        try #require(YAMLParser.parse(SourceText(text)).documents.first?.root)
    }

    func offset(_ needle: String) -> Int {
        let t = Array(text.utf8), n = Array(needle.utf8)
        return (0...(t.count - n.count)).first { Array(t[$0..<($0 + n.count)]) == n }!
    }

    @Test func pathNamesKeysAndIndicesDownToTheScalar() throws {
        let path = try root(text).path(to: offset("80"))
        #expect(path.compactMap(\.key) == [.key("spec"), .key("items"), .index(0), .key("port")])
        #expect(path.last?.node.scalar?.value == "80")
        #expect(path.last?.isOnKey == false)
    }

    @Test func onAKeyTheLastStepIsThatEntry() throws {
        let path = try root(text).path(to: offset("port") + 2)
        #expect(path.last?.isOnKey == true)
        #expect(path.last?.keyNode?.scalar?.value == "port")
        #expect(path.last?.node.scalar?.value == "80")
    }

    @Test func aCursorRightAfterAScalarIsOnIt() throws {
        let path = try root(text).path(to: offset("other: z") + 8)
        #expect(path.last?.node.scalar?.value == "z")
        #expect(try root(text).path(to: 10_000).isEmpty)
    }

    @Test func fileOffsetsMapBackToValueOffsets() throws {
        let path = try root(text).path(to: offset("héllo"))
        let scalar = try #require(path.last?.node.scalar)
        let map = scalar.sourceMap
        // The first `l`, after the two-byte `é`: value offset 3.
        #expect(map.valueOffset(forSourceOffset: offset("héllo") + 3) == 3)
        // Inside the `\t` escape: where the escape's value starts.
        let escape = offset("\\tx")
        #expect(map.valueOffset(forSourceOffset: escape + 1) == 6)
        #expect(map.valueOffset(forSourceOffset: escape + 2) == 7)
        // Round trip for every value offset.
        for v in 0..<scalar.value.utf8.count {
            #expect(map.valueOffset(forSourceOffset: map.sourceOffset(forValueOffset: v)) == v)
        }
        // The closing quote is right after the last run: the end of the value.
        #expect(map.valueOffset(forSourceOffset: escape + 3) == 8)
        #expect(map.valueOffset(forSourceOffset: scalar.range.start) == nil)
    }
}
