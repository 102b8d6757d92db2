#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSyntax

/// Counts `${` in a stretch of text: a bound on the expressions written there (comments
/// and escapes count too), cheap enough for every version of a document (memchr-speed
/// search for `$`).
enum ExpressionOpenings {
    /// The range of the `${` that comes after `limit` others in `range`; nil when there
    /// are no more than `limit`.
    static func find(after limit: Int, in source: SourceText, _ range: TextRange) -> TextRange? {
        let end = min(range.end, source.count)
        guard range.start < end, end - range.start >= 2 * (limit + 1) else { return nil }  // too short to hold more
        return source.bytes.withUnsafeBufferPointer { bytes -> TextRange? in
            guard let base = bytes.baseAddress else { return nil }
            var seen = 0
            var at = range.start
            while at < end - 1, let found = memchr(base + at, Int32(UInt8(ascii: "$")), end - 1 - at) {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if bytes[offset + 1] == UInt8(ascii: "{") {
                    if seen == limit { return TextRange(start: offset, end: offset + 2) }
                    seen += 1
                }
                at = offset + 1
            }
            return nil
        }
    }
}
