import Testing
@testable import CEL

/// Random strings over each parser's alphabet: every parser returns a value or an error,
/// never traps, and results that parse format back to something that parses again.
@Suite struct LibraryRobustnessTests {
    typealias RNG = RuntimeRobustnessTests.RNG

    static func strings(_ alphabet: String, count: Int, maxLength: Int, seed: UInt64) -> [String] {
        var r = RNG(state: seed)
        let chars = Array(alphabet)
        return (0..<count).map { _ in
            String((0..<Int(r.next() % UInt64(maxLength + 1))).map { _ in r.pick(chars) })
        }
    }

    @Test func quantityParserNeverTraps() {
        for s in Self.strings("0123456789.+-eEinumkKMGTP ", count: 4000, maxLength: 14, seed: 1) {
            if let q = try? Quantity.parse(s) {
                _ = q.approximateDouble
                _ = q.int64Value
                _ = try? q.adding(q).subtracting(Quantity(integer: Int64.min))
                #expect(q.compare(q) == 0)
            }
        }
    }

    @Test func networkParsersNeverTrap() throws {
        for s in Self.strings("0123456789abcdefABCDEF:.%/z", count: 4000, maxLength: 20, seed: 2) {
            if let ip = try? IPAddress.parse(s) {
                #expect(try IPAddress.parse(ip.description) == ip)
            }
            if let p = try? IPPrefix.parse(s) {
                #expect(try IPPrefix.parse(p.description) == p)
                _ = p.masked.contains(p.address)
            }
        }
    }

    @Test func urlSemverAndJSONParsersNeverTrap() {
        for s in Self.strings("ab:/?#[]@%25.-+=&;0 ", count: 3000, maxLength: 16, seed: 3) {
            if let u = try? GoURL.parse(s) {
                _ = (u.hostname, u.port, u.escapedPath, u.query, u.description)
            }
            _ = try? KubernetesURLLibrary.url(s)
        }
        for s in Self.strings("v0123.-+a", count: 3000, maxLength: 12, seed: 4) {
            _ = try? SemanticVersion.parse(s)
            _ = try? SemanticVersion.parseNormalized(s)
        }
        for s in Self.strings("{}[],:\"\\u0e1-. tfnrl", count: 3000, maxLength: 16, seed: 5) {
            if let v = try? KroJSONLibrary.unmarshal(s) {
                _ = try? KroJSONLibrary.marshal(v)
            }
        }
    }
}
