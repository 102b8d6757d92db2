#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stack of nodes that hands out its top elements as an array of exactly their count,
/// moving them (no retain, no release): `TreeBuilder` keeps the children of the open
/// collections on it, so each collection's array is allocated once, at its final size.
///
/// Kept in segments (16 elements, doubling up to `largeSegment`, then that size): growing
/// never copies, and a pop frees the large segments it empties as it goes (but one). So a mapping of
/// 100,000 keys was on the stack and in its array at once only while it moved (a doubling
/// stack peaked at its copy plus the old block, then kept 1.3× the children for good).
final class ChildStack<Element> {
    private struct Segment {
        var base: UnsafeMutablePointer<Element>
        var start: Int
        var capacity: Int
        /// Pages mapped for it alone (a large segment), not a heap block.
        var mapped = false
        var end: Int { start + capacity }
    }

    /// Segments below this size are kept when emptied (their churn would cost more than
    /// the few elements they hold); the ones of this size are freed as soon as a pop
    /// empties them. 512 KB each, mapped on their own, so a freed one leaves the process
    /// whatever the allocator keeps: the server's keeps blocks under 4 MB in its heap
    /// (MemoryTuning), and a flow list of 5 million items (10 MB) peaked at 269 MB there,
    /// its stack still resident while its array filled. At 4,096 elements, 24-byte nodes
    /// made 192 KB heap blocks: a mapping of 1M keys kept its 48 MB of stack resident while
    /// its array filled (+24 MB peak).
    static var largeSegment: Int { max(4096, (512 << 10) / MemoryLayout<Element>.stride) }

    private var segments: [Segment]
    /// The last segment's base and bounds, for `push`.
    private var top: UnsafeMutablePointer<Element>
    private var topStart = 0
    private var topEnd: Int
    private(set) var count = 0

    init() {
        let first = Segment(base: .allocate(capacity: 16), start: 0, capacity: 16)
        segments = [first]
        (top, topEnd) = (first.base, first.end)
    }

    deinit {
        for s in segments {
            if count > s.start { s.base.deinitialize(count: min(count, s.end) - s.start) }
            Self.free(s)
        }
    }

    func push(_ element: consuming Element) {
        if count == topEnd { useNextSegment() }
        (top + (count - topStart)).initialize(to: element)
        count += 1
    }

    private func useNextSegment() {
        if let next = segments.last(where: { $0.start == topEnd }) {
            (top, topStart, topEnd) = (next.base, next.start, next.end)
            return
        }
        let last = segments[segments.count - 1]
        let capacity = min(last.capacity * 2, Self.largeSegment)
        let s = Self.segment(start: last.end, capacity: capacity)
        segments.append(s)
        (top, topStart, topEnd) = (s.base, s.start, s.end)
    }

    /// A copy of the element at `i`.
    func element(_ i: Int) -> Element {
        precondition(i >= 0 && i < count)
        let s = segments[segment(containing: i)]
        return s.base[i - s.start]
    }

    /// The elements from position `start` on, removed from the stack.
    func popArray(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count)
        // Moved one by one into a reserved array: `Array(unsafeUninitializedCapacity:)`
        // is not specialized here and looked its metadata up on every call.
        var array: [Element] = []
        array.reserveCapacity(count - start)
        if start >= topStart {  // nearly every pop: all in the top segment, which stays
            var i = start
            while i < count { array.append((top + (i - topStart)).move()); i += 1 }
            count = start
            return array
        }
        let first = segment(containing: start)
        var kept = segments.count
        for j in first..<segments.count {
            let s = segments[j]
            let end = min(count, s.end)
            var i = max(start, s.start)
            while i < end { array.append((s.base + (i - s.start)).move()); i += 1 }
            if s.start >= start && s.capacity >= Self.largeSegment && j > 0 {
                // The first one emptied stays, as a spare: a stack going back and forth
                // across its start does not allocate it each time.
                if kept == segments.count { kept = j + 1; continue }
                Self.free(s)  // emptied: freed before the next segment moves
            }
        }
        if kept < segments.count { segments.removeSubrange(kept...) }
        count = start
        let now = segments[segment(containing: start)]  // where the next push goes (or ends)
        (top, topStart, topEnd) = (now.base, now.start, now.end)
        return array
    }

    /// A new segment: mapped pages when large, a heap block otherwise (or if mapping fails).
    private static func segment(start: Int, capacity: Int) -> Segment {
        if capacity >= largeSegment,
           let pages = mmap(nil, capacity * MemoryLayout<Element>.stride, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
           pages != UnsafeMutableRawPointer(bitPattern: -1) {
            return Segment(base: pages.bindMemory(to: Element.self, capacity: capacity), start: start,
                           capacity: capacity, mapped: true)
        }
        return Segment(base: .allocate(capacity: capacity), start: start, capacity: capacity)
    }

    private static func free(_ s: Segment) {
        if s.mapped {
            munmap(UnsafeMutableRawPointer(s.base), s.capacity * MemoryLayout<Element>.stride)
        } else {
            s.base.deallocate()
        }
    }

    /// The segment holding position `i` (the last one when `i` is past them all).
    private func segment(containing i: Int) -> Int {
        var k = segments.count - 1
        while k > 0 && segments[k].start > i { k -= 1 }
        return k
    }
}
