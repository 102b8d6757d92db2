import Testing
@testable import KroEngine

/// `SharedPathBuilder`: each path reads back as the walk's stack was, the paths under one
/// mapping share its links, and interned paths that are equal are one chain.
@Suite struct SharedPathTests {
    static let walk: [[SchemaPathSegment]] = [
        [.field("metadata"), .field("name")],
        [.field("metadata"), .field("labels"), .field("app")],
        [.field("metadata"), .field("labels"), .field("tier")],
        [.field("spec"), .field("ports"), .index(0), .field("port")],
        [.field("spec"), .field("ports"), .index(1), .field("port")],
        [],
        [.field("metadata"), .field("name")],
    ]

    @Test func pathsReadBackAsTheStackWas() {
        for interning in [false, true] {
            var builder = SharedPathBuilder(interning: interning)
            let paths = Self.walk.map { builder.path(for: $0) }
            #expect(paths.map(\.segments) == Self.walk)
            #expect(paths.map(\.count) == Self.walk.map(\.count))
            #expect(SharedPath(Self.walk[3]).segments == Self.walk[3])
        }
    }

    @Test func siblingsShareTheirParentsLinks() throws {
        var builder = SharedPathBuilder()
        let app = try #require(builder.path(for: Self.walk[1]).tail)
        let tier = try #require(builder.path(for: Self.walk[2]).tail)
        #expect(app !== tier && app.parent === tier.parent)
        // Without interning, a path met again after the walk left it is a new chain.
        let first = try #require(builder.path(for: Self.walk[0]).tail)
        _ = builder.path(for: Self.walk[3])
        #expect(builder.path(for: Self.walk[0]).tail !== first)
    }

    @Test func internedEqualPathsAreOneChain() throws {
        var builder = SharedPathBuilder(interning: true)
        let first = try #require(builder.path(for: Self.walk[0]).tail)
        _ = builder.path(for: Self.walk[3])
        #expect(builder.path(for: Self.walk[6]).tail === first)
        // The builder handed to the next walk (the next resource) finds them too.
        let app = try #require(builder.path(for: Self.walk[1]).tail)
        var next = builder
        _ = next.path(for: [.field("spec")])
        #expect(next.path(for: [.field("metadata"), .field("labels"), .field("app")]).tail === app)
    }
}
