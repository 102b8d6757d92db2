import Testing
@testable import YAMLSyntax

/// The line table is stored as 32-bit offsets while they fit and as `Int`s from the first
/// that does not; both read back the offsets appended, compare equal by value, and the
/// edit path's shifted append gives what appending one by one gives.
@Suite struct LineStartsTests {
    @Test func offsetsPast32BitsSwitchToWideStorage() {
        var starts: LineStarts = [0, 10, 70_000]
        starts.append(Int(UInt32.max))
        starts.append(Int(UInt32.max) + 1)
        starts.append(1 << 40)
        #expect(Array(starts) == [0, 10, 70_000, Int(UInt32.max), Int(UInt32.max) + 1, 1 << 40])
        var narrow: LineStarts = [0, 10, 70_000]
        narrow.shrinkToFit()
        #expect(narrow == starts.prefix(upTo: 3, reserving: 0) && narrow != starts)
        #expect(narrow.description == "[0, 10, 70000]")
    }

    @Test(arguments: [-5, 0, 7, Int(UInt32.max) - 100])
    func shiftedAppendEqualsAppendingOneByOne(delta: Int) {
        let old: LineStarts = [0, 4, 9, 20, 50]
        for from in 0...old.count {
            var fast = old.prefix(upTo: 1, reserving: 4)
            fast.append(old, from: from, shiftedBy: delta)
            var slow = old.prefix(upTo: 1, reserving: 0)
            for i in from..<old.count { slow.append(old[i] + delta) }
            #expect(Array(fast) == Array(slow) && fast == slow, "from \(from)")
        }
    }

    /// An edit's table equals a fresh scan's (the property test in SourceTextEditTests
    /// covers random edits; this one crosses line breaks added and removed).
    @Test func editsKeepTheTableOfAFreshScan() {
        let text = SourceText("a: 1\nb: 2\r\nc: 3\nd: 4\n")
        let edits: [(TextRange, String)] = [(TextRange(start: 2, end: 2), "x\ny\n"), (TextRange(start: 4, end: 11), ""),
                                            (TextRange(start: 20, end: 20), "\n\n"), (TextRange(start: 0, end: 20), "z")]
        for (range, replacement) in edits {
            let edited = text.replacing(range, with: Array(replacement.utf8))
            #expect(edited.lineStarts == SourceText(bytes: edited.bytes).lineStarts, "\(range) \(replacement)")
        }
    }
}
