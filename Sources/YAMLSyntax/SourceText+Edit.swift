extension SourceText {
    /// The text with `range` replaced by `replacement`. Only the lines around the edit are
    /// scanned again; the line table and invalid-UTF-8 runs before and after are kept
    /// (moved by the length difference), so a keystroke in a megabyte costs a copy, not a
    /// scan. Equal to `SourceText(bytes:)` of the new bytes.
    public func replacing(_ range: TextRange, with replacement: [UInt8]) -> SourceText {
        var copy = self
        copy.replace(range, with: replacement)
        return copy
    }

    /// `replacing` in place: a text whose bytes no one else holds is edited without a copy
    /// (the changes of one didChange after the first; each copy of a 50 MB text was a
    /// fresh 50 MB of page faults, 40 ms).
    public mutating func replace(_ range: TextRange, with replacement: [UInt8]) {
        precondition(range.start >= 0 && range.start <= range.end && range.end <= bytes.count, "edit outside the text")
        // From the line before the edit: a CR ending it may pair with an inserted LF.
        let firstLine = max(0, line(containing: range.start) - 1)
        let scanStart = lineStarts[firstLine]
        bytes.replaceSubrange(range.start..<range.end, with: replacement)
        let delta = replacement.count - range.length
        let scan = bytes.withUnsafeBufferPointer {
            Self.scan($0, from: scanStart, syncAfter: range.start + replacement.count)
        }
        let synced = scan.end < bytes.count
        // Past the edit the old text goes on the same way: its line starts follow, from `kept`.
        let oldSync = scan.end - delta
        // (The line table is still the old text's; `bytes` is the new one's.)
        let kept = synced ? Self.line(containing: max(oldSync, 0), in: lineStarts) + 1 : lineStarts.count
        var starts = lineStarts.prefix(upTo: firstLine + 1, reserving: scan.lineStarts.count + lineStarts.count - kept)
        starts.append(scan.lineStarts, from: 0, shiftedBy: 0)
        starts.append(lineStarts, from: kept, shiftedBy: delta)
        var invalid = invalidUTF8Ranges.filter { $0.end <= scanStart }
        invalid += scan.invalid
        if synced {
            invalid += invalidUTF8Ranges.lazy.filter { $0.start >= oldSync }.map { $0.shifted(by: delta) }
        }
        var ascii = scan.isASCII
        if ascii && !isASCII {
            ascii = Self.allASCII(bytes, 0..<scanStart) && (!synced || Self.allASCII(bytes, scan.end..<bytes.count))
        }
        if ascii {
            longLines = LongLineMarks()
        } else if isASCII {
            longLines = LongLineMarks(bytes: bytes, lineStarts: starts, lines: 0..<starts.count)
        } else {
            // The lines scanned again are measured again; those after them only moved.
            let rescannedEnd = synced ? Self.line(containing: scan.end, in: starts) : starts.count
            longLines = longLines.edited(bytes: bytes, lineStarts: starts, keptBefore: scanStart,
                                         rescanned: firstLine..<rescannedEnd, oldFrom: synced ? oldSync : nil, delta: delta)
        }
        lineStarts = starts
        invalidUTF8Ranges = invalid
        isASCII = ascii
    }

    /// The text with every edit made, given last first: each range ends at or before the
    /// start of the one before it, all in this text's offsets (none moves another). One pass
    /// and one scan of the new text, however many edits.
    public func replacing(descending edits: [(range: TextRange, replacement: [UInt8])]) -> SourceText {
        var new: [UInt8] = []
        new.reserveCapacity(edits.reduce(bytes.count) { $0 + $1.replacement.count - $1.range.length })
        var from = 0
        for edit in edits.reversed() {
            precondition(edit.range.start >= from && edit.range.start <= edit.range.end && edit.range.end <= bytes.count,
                         "edits out of order or outside the text")
            new.append(contentsOf: bytes[from..<edit.range.start])
            new.append(contentsOf: edit.replacement)
            from = edit.range.end
        }
        new.append(contentsOf: bytes[from...])
        return SourceText(bytes: new)
    }

    private static func allASCII(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBytes { raw in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < range.upperBound {
                if raw[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
    }
}
