/// One zone read from the 64-bit (version 2+) part of a TZif file (RFC 8536): its
/// transitions, its local time types and the POSIX TZ footer for the times after the last
/// transition. Offsets are looked up the way Go's `time.Location` looks them up, since kro's
/// CEL runs on Go.
struct TZifZone {
    struct LocalTimeType {
        /// Seconds added to UTC.
        var utcOffset: Int64
        var isDST: Bool
    }

    /// Transition instants (Unix seconds, ascending) and the type each one starts.
    private(set) var transitions: [(at: Int64, type: Int)]
    private(set) var types: [LocalTimeType]
    /// The footer rule (`EST5EDT,M3.2.0,M11.1.0`); nil when absent or not understood.
    private(set) var footer: POSIXTimeZone?

    /// `block` starts at the version 2+ header; nil when it is not a well-formed one.
    init?(_ block: ArraySlice<UInt8>) {
        var reader = ByteReader(block)
        guard reader.take(4).map(Array.init) == Array("TZif".utf8), let version = reader.take(1)?.first,
              version >= UInt8(ascii: "2"), reader.take(15) != nil else { return nil }
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = reader.bigEndianSigned(4), count >= 0 else { return nil }
            counts.append(Int(count))
        }
        let (isUTCCount, isStandardCount, leapCount, transitionCount, typeCount, characterCount) =
            (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
        guard typeCount > 0 else { return nil }

        var instants: [Int64] = []
        for _ in 0..<transitionCount {
            guard let at = reader.bigEndianSigned(8) else { return nil }
            instants.append(at)
        }
        guard let indices = reader.take(transitionCount), indices.allSatisfy({ Int($0) < typeCount }) else { return nil }
        types = []
        for _ in 0..<typeCount {
            guard let offset = reader.bigEndianSigned(4), let isDST = reader.take(1)?.first,
                  reader.take(1) != nil else { return nil }
            types.append(LocalTimeType(utcOffset: offset, isDST: isDST != 0))
        }
        guard reader.take(characterCount + leapCount * 12 + isStandardCount + isUTCCount) != nil else { return nil }
        transitions = zip(instants, indices).map { (at: $0, type: Int($1)) }

        // The footer: a newline, the TZ string, a newline.
        let rest = reader.remaining
        if rest.first == UInt8(ascii: "\n"), let end = rest.dropFirst().firstIndex(of: UInt8(ascii: "\n")), end > rest.startIndex + 1 {
            footer = POSIXTimeZone(String(decoding: rest[(rest.startIndex + 1)..<end], as: UTF8.self))
        }
    }

    /// Seconds to add to UTC at `instant` (Unix seconds).
    func utcOffset(at instant: Int64) -> Int64 {
        // Go gives a zone without transitions one at the start of time.
        let transitions = self.transitions.isEmpty ? [(at: Int64.min, type: 0)] : self.transitions
        guard instant >= transitions[0].at else { return types[firstType].utcOffset }
        var lo = 0, hi = transitions.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if instant < transitions[mid].at { hi = mid } else { lo = mid }
        }
        if lo == transitions.count - 1, let footer, let offset = footer.utcOffset(at: instant) {
            return offset
        }
        return types[transitions[lo].type].utcOffset
    }

    /// The type of the times before the first transition, as Go picks it: type 0 when no
    /// transition uses it; else, when the first transition enters daylight time, the
    /// nearest standard type before that one; else the first standard type; else type 0.
    private var firstType: Int {
        guard transitions.contains(where: { $0.type == 0 }) else { return 0 }
        if let first = transitions.first, types[first.type].isDST,
           let standard = (0..<first.type).reversed().first(where: { !types[$0].isDST }) {
            return standard
        }
        return types.firstIndex { !$0.isDST } ?? 0
    }
}
