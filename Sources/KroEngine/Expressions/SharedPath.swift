/// A field path kept as a chain of links from its last segment up to the root, so that the
/// paths of expressions under one mapping share the links to it. Stored as arrays, each
/// expression held its whole path: 9,000 expressions 500 levels down were 70 MB of them.
struct SharedPath: Sendable {
    /// The last segment, or nil for the empty path.
    private(set) var tail: PathLink?

    init(tail: PathLink?) { self.tail = tail }

    init(_ segments: [SchemaPathSegment]) {
        tail = segments.reduce(nil) { PathLink(parent: $0, segment: $1) }
    }

    var count: Int { tail?.count ?? 0 }

    /// The segments, root first.
    var segments: [SchemaPathSegment] {
        guard let tail else { return [] }
        return [SchemaPathSegment](unsafeUninitializedCapacity: tail.count) { buffer, initialized in
            var link: PathLink? = tail
            while let current = link {
                (buffer.baseAddress! + current.count - 1).initialize(to: current.segment)
                link = current.parent
            }
            initialized = tail.count
        }
    }
}

/// One segment of a `SharedPath` and the path before it.
final class PathLink: Sendable {
    let parent: PathLink?
    let segment: SchemaPathSegment
    /// Segments from the root to this one.
    let count: Int

    init(parent: PathLink?, segment: SchemaPathSegment) {
        self.parent = parent
        self.segment = segment
        count = (parent?.count ?? 0) + 1
    }
}

/// Hands out shared paths for the states of one walk's path stack: the links made for a
/// prefix are reused while the stack still starts with it. With `interning`, every link is
/// also looked up by its parent and segment, so that equal paths anywhere (`metadata.name`
/// in each of 10,000 resources) are one chain: what an editor's analysis keeps.
struct SharedPathBuilder: Sendable {
    private struct LinkKey: Hashable, Sendable {
        var parent: ObjectIdentifier?
        var segment: SchemaPathSegment
    }

    /// `stack[k]` ends the path of the walk's first `k + 1` segments as they were.
    private var stack: [PathLink] = []
    private var known: [LinkKey: PathLink] = [:]
    private let interning: Bool

    init(interning: Bool = false) { self.interning = interning }

    mutating func path(for segments: [SchemaPathSegment]) -> SharedPath {
        // Keep the links whose segments the walk still has, from the root down.
        var kept = 0
        while kept < stack.count, kept < segments.count, stack[kept].segment == segments[kept] { kept += 1 }
        stack.removeSubrange(kept...)
        for segment in segments[kept...] { stack.append(link(parent: stack.last, segment: segment)) }
        return SharedPath(tail: stack.last)
    }

    private mutating func link(parent: PathLink?, segment: SchemaPathSegment) -> PathLink {
        guard interning else { return PathLink(parent: parent, segment: segment) }
        // The key names the parent by identity: the link stored holds the parent alive.
        let key = LinkKey(parent: parent.map(ObjectIdentifier.init), segment: segment)
        if let known = known[key] { return known }
        let made = PathLink(parent: parent, segment: segment)
        known[key] = made
        return made
    }
}
