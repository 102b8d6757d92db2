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

    /// What parses formats back to text that parses to the same thing (Go's `url.String`,
    /// semver's `String`, `json.marshal`): every accepted input survives a round trip.
    @Test func urlSemverAndJSONParsersRoundTrip() throws {
        var urls = 0, versions = 0, documents = 0
        for s in Self.strings("ab:/?#[]@%25.-+=&;0 ", count: 3000, maxLength: 16, seed: 3) {
            if let u = try? GoURL.parse(s) {
                urls += 1
                _ = (u.hostname, u.port, u.escapedPath, u.query)
                let again = try? GoURL.parse(u.description)
                #expect(again?.description == u.description, "url \(s.debugDescription) → \(u.description.debugDescription)")
            }
            _ = try? KubernetesURLLibrary.url(s)
        }
        // Random text rarely forms x.y.z: prefix half of the samples with a version core.
        let cores = Self.strings("0123", count: 3000, maxLength: 2, seed: 6)
        let semverSamples = Self.strings("v0123.-+a", count: 3000, maxLength: 12, seed: 4).enumerated().map { i, tail in
            i % 2 == 0 ? tail : "\(cores[i].isEmpty ? "0" : cores[i]).\(i % 3).\(i % 5)" + tail
        }
        for s in semverSamples {
            if let v = try? SemanticVersion.parse(s) {
                versions += 1
                #expect(try SemanticVersion.parse(v.description) == v, "semver \(s.debugDescription)")
            }
            if let v = try? SemanticVersion.parseNormalized(s) {
                #expect(try SemanticVersion.parse(v.description) == v, "normalized semver \(s.debugDescription)")
            }
        }
        for s in Self.strings("{}[],:\"\\u0e1-. tfnrl", count: 3000, maxLength: 16, seed: 5) {
            if let v = try? KroJSONLibrary.unmarshal(s) {
                documents += 1
                let text = try KroJSONLibrary.marshal(v)
                let back = try KroJSONLibrary.unmarshal(text)
                #expect(back.celEquals(v), "json \(s.debugDescription) → \(text)")
            }
        }
        // The generators reach the accepting paths, so the round trips above are exercised.
        #expect(urls > 100 && versions > 10 && documents > 10, "urls \(urls), versions \(versions), json \(documents)")
    }
}
