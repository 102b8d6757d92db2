import Testing
@testable import CEL

@Suite struct LibraryNetTests {
    @Test func parsesAndFormatsAddresses() throws {
        #expect(try IPAddress.parse("192.168.0.1").description == "192.168.0.1")
        #expect(try IPAddress.parse("2001:DB8:0:0:0:0:0:1").description == "2001:db8::1")
        #expect(try IPAddress.parse("::").description == "::")
        #expect(try IPAddress.parse("::1").description == "::1")
        #expect(try IPAddress.parse("1:0:0:1:0:0:0:1").description == "1:0:0:1::1")
        #expect(try IPAddress.parse("1:0:1:0:1:0:1:0").description == "1:0:1:0:1:0:1:0")
        #expect(try IPAddress.parse("::ffff:1.2.3.4").is4In6)
        #expect(try IPAddress.parse("::ffff:1.2.3.4").description == "::ffff:1.2.3.4")
        #expect(try IPAddress.parse("fe80::1%eth0").zone == "eth0")
        #expect(try IPAddress.parse("1.2.3.4").is4)
        #expect(try IPAddress.parse("::1.2.3.4").description == "::102:304")
    }

    @Test func addressErrorsMatchGo() {
        func err(_ s: String) -> String? {
            do { _ = try IPAddress.parse(s); return nil } catch { return error.message }
        }
        #expect(err("foo") == "ParseAddr(\"foo\"): unable to parse IP")
        #expect(err("1.2.3") == "ParseAddr(\"1.2.3\"): IPv4 address too short")
        #expect(err("1.2.3.4.5") == "ParseAddr(\"1.2.3.4.5\"): IPv4 address too long")
        #expect(err("1.2.3.256") == "ParseAddr(\"1.2.3.256\"): IPv4 field has value >255")
        #expect(err("01.2.3.4") == "ParseAddr(\"01.2.3.4\"): IPv4 field has octet with leading zero")
        #expect(err("1..2.3") == "ParseAddr(\"1..2.3\"): IPv4 field must have at least one digit (at \".2.3\")")
        #expect(err("1.2.3.x") == "ParseAddr(\"1.2.3.x\"): unexpected character (at \"x\")")
        #expect(err("%eth0") == "ParseAddr(\"%eth0\"): missing IPv6 address")
        #expect(err("fe80::1%") == "ParseAddr(\"fe80::1%\"): zone must be a non-empty string")
        #expect(err("1::2::3") == "ParseAddr(\"1::2::3\"): multiple :: in address (at \":3\")")
        #expect(err("12345::") == "ParseAddr(\"12345::\"): each group must have 4 or less digits (at \"12345::\")")
        #expect(err("1:2:3") == "ParseAddr(\"1:2:3\"): address string too short")
        #expect(err("1:2:3:4:5:6:7:8:9") == "ParseAddr(\"1:2:3:4:5:6:7:8:9\"): trailing garbage after address (at \"9\")")
        #expect(err("1:2:3:4:5:6:7::8") == "ParseAddr(\"1:2:3:4:5:6:7::8\"): the :: must expand to at least one field of zeros")
        #expect(err("1:2:3:4::5:6:7:8") == "ParseAddr(\"1:2:3:4::5:6:7:8\"): the :: must expand to at least one field of zeros")
        #expect(err("1:") == "ParseAddr(\"1:\"): colon must be followed by more characters (at \":\")")
        #expect(err("1:2.3.4.5") == "ParseAddr(\"1:2.3.4.5\"): embedded IPv4 address must replace the final 2 fields of the address (at \"2.3.4.5\")")
    }

    @Test func classifiesAddresses() throws {
        #expect(try IPAddress.parse("0.0.0.0").isUnspecified)
        #expect(try IPAddress.parse("::").isUnspecified)
        #expect(try !IPAddress.parse("127.0.0.1").isUnspecified)
        #expect(try IPAddress.parse("127.0.0.1").isLoopback)
        #expect(try IPAddress.parse("::1").isLoopback)
        #expect(try IPAddress.parse("224.0.0.1").isLinkLocalMulticast)
        #expect(try IPAddress.parse("ff02::1").isLinkLocalMulticast)
        #expect(try IPAddress.parse("169.254.1.1").isLinkLocalUnicast)
        #expect(try IPAddress.parse("fe80::1").isLinkLocalUnicast)
        #expect(try IPAddress.parse("10.0.0.1").isGlobalUnicast)
        #expect(try IPAddress.parse("2001:db8::1").isGlobalUnicast)
        #expect(try !IPAddress.parse("255.255.255.255").isGlobalUnicast)
        #expect(try !IPAddress.parse("224.0.0.1").isGlobalUnicast)
    }

    @Test func prefixes() throws {
        let p = try IPPrefix.parse("192.168.1.5/24")
        #expect(p.bits == 24)
        #expect(p.description == "192.168.1.5/24")
        #expect(p.masked.description == "192.168.1.0/24")
        #expect(p.contains(try IPAddress.parse("192.168.1.200")))
        #expect(!p.contains(try IPAddress.parse("192.168.2.1")))
        #expect(!p.contains(try IPAddress.parse("::ffff:192.168.1.1")))
        let v6 = try IPPrefix.parse("2001:db8::/32")
        #expect(v6.contains(try IPAddress.parse("2001:db8:ffff::1")))
        #expect(!v6.contains(try IPAddress.parse("2001:db9::1")))
        #expect(try IPPrefix.parse("10.0.0.0/8").overlaps(IPPrefix.parse("10.1.0.0/16")))
        #expect(try !IPPrefix.parse("10.0.0.0/8").overlaps(IPPrefix.parse("11.0.0.0/16")))
        #expect(try IPPrefix.parse("0.0.0.0/0").masked.description == "0.0.0.0/0")
        #expect(try IPPrefix.parse("2001:db8::1/128").masked.description == "2001:db8::1/128")
    }

    @Test func prefixErrorsMatchGo() {
        func err(_ s: String) -> String? {
            do { _ = try IPPrefix.parse(s); return nil } catch { return error.message }
        }
        #expect(err("192.168.0.0") == "netip.ParsePrefix(\"192.168.0.0\"): no '/'")
        #expect(err("192.168.0.0/") == "netip.ParsePrefix(\"192.168.0.0/\"): bad bits after slash: \"\"")
        #expect(err("192.168.0.0/08") == "netip.ParsePrefix(\"192.168.0.0/08\"): bad bits after slash: \"08\"")
        #expect(err("192.168.0.0/+8") == "netip.ParsePrefix(\"192.168.0.0/+8\"): bad bits after slash: \"+8\"")
        #expect(err("192.168.0.0/33") == "netip.ParsePrefix(\"192.168.0.0/33\"): prefix length out of range")
        #expect(err("fe80::1%eth0/64") == "netip.ParsePrefix(\"fe80::1%eth0/64\"): IPv6 zones cannot be present in a prefix")
        #expect(err("x/8") == "netip.ParsePrefix(\"x/8\"): ParseAddr(\"x\"): unable to parse IP")
    }
}

@Suite struct LibrarySemverTests {
    @Test func parsesAndCompares() throws {
        let v = try SemanticVersion.parse("1.2.3-alpha.1+build.5")
        #expect(v.major == 1 && v.minor == 2 && v.patch == 3)
        #expect(v.description == "1.2.3-alpha.1+build.5")
        // Precedence examples from semver.org.
        let order = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                     "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"]
        for (a, b) in zip(order, order.dropFirst()) {
            #expect(try SemanticVersion.parse(a).compare(SemanticVersion.parse(b)) == -1, "\(a) < \(b)")
            #expect(try SemanticVersion.parse(b).compare(SemanticVersion.parse(a)) == 1)
        }
        #expect(try SemanticVersion.parse("1.0.0+a").compare(SemanticVersion.parse("1.0.0+b")) == 0)
    }

    @Test func parseErrorsMatchBlang() {
        func err(_ s: String, normalize: Bool = false) -> String? {
            do { _ = try normalize ? SemanticVersion.parseNormalized(s) : SemanticVersion.parse(s); return nil }
            catch { return error.message }
        }
        #expect(err("") == "Version string empty")
        #expect(err("1.2") == "No Major.Minor.Patch elements found")
        #expect(err("v1.2.3") == "Invalid character(s) found in major number \"v1\"")
        #expect(err("01.2.3") == "Major number must not contain leading zeroes \"01\"")
        #expect(err("1.02.3") == "Minor number must not contain leading zeroes \"02\"")
        #expect(err("1.2.03") == "Patch number must not contain leading zeroes \"03\"")
        #expect(err("1.2.x") == "Invalid character(s) found in patch number \"x\"")
        #expect(err("1.2.3-") == "Prerelease is empty")
        #expect(err("1.2.3-01") == "Numeric PreRelease version must not contain leading zeroes \"01\"")
        #expect(err("1.2.3-a_b") == "Invalid character(s) found in prerelease \"a_b\"")
        #expect(err("1.2.3+") == "Build meta data is empty")
        #expect(err("1.2.3+a_b") == "Invalid character(s) found in build meta data \"a_b\"")
        #expect(err("1..3") == "strconv.ParseUint: parsing \"\": invalid syntax")
        #expect(err("99999999999999999999.0.0") == "strconv.ParseUint: parsing \"99999999999999999999\": value out of range")
        #expect(err("v1.2-alpha", normalize: true) == "short version cannot contain PreRelease/Build meta data")
    }

    @Test func normalizes() throws {
        #expect(try SemanticVersion.parseNormalized("v1.2").description == "1.2.0")
        #expect(try SemanticVersion.parseNormalized("1").description == "1.0.0")
        #expect(try SemanticVersion.parseNormalized("v01.02.03").description == "1.2.3")
        #expect(try SemanticVersion.parseNormalized("1.0.00-alpha").description == "1.0.0-alpha")
    }
}

@Suite struct LibraryURLTests {
    @Test func accessors() throws {
        let u = try GoURL.parse("https://user:pw@example.com:8443/a%20b/c?x=1&y=2&x=3#frag")
        #expect(u.scheme == "https")
        #expect(u.host == "example.com:8443")
        #expect(u.hostname == "example.com")
        #expect(u.port == "8443")
        #expect(u.escapedPath == "/a%20b/c")
        #expect(u.path == "/a b/c")
        #expect(u.query.map(\.key) == ["x", "y"])
        #expect(u.query.first?.values == ["1", "3"])
        #expect(u.fragment == "frag")
        #expect(u.username == "user" && u.password == "pw")
        #expect(u.description == "https://user:pw@example.com:8443/a%20b/c?x=1&y=2&x=3#frag")
        let v6 = try GoURL.parse("https://[::1]:80/")
        #expect(v6.hostname == "::1")
        #expect(v6.port == "80")
        #expect(try GoURL.parse("HTTP://Example.com").scheme == "http")
        let zoned = try GoURL.parse("http://[fe80::1%25en0]:8080/")
        #expect(zoned.hostname == "fe80::1%en0")
        #expect(zoned.port == "8080")
        #expect(zoned.description == "http://[fe80::1%25en0]:8080/")
        #expect(try GoURL.parse("mongodb://a:1,b:2/db").host == "a:1,b:2")
        #expect(try GoURL.parse("file:///etc/hosts").description == "file:///etc/hosts")
        #expect(try GoURL.parse("mailto:x@example.com").description == "mailto:x@example.com")
        #expect(try GoURL.parse("/just/a/path").escapedPath == "/just/a/path")
        #expect(try GoURL.parse("https://example.com/a%2fb").escapedPath == "/a%2fb")
        #expect(try GoURL.parse("https://example.com/?a=b+c&d=%zz&e").query.map(\.key) == ["a", "e"])
        #expect(try GoURL.parse("https://example.com/?a=b+c").query.first?.values == ["b c"])
    }

    @Test func requestURIErrors() {
        func err(_ s: String) -> String? {
            do { _ = try GoURL.parseRequestURI(s); return nil } catch { return error.message }
        }
        #expect(err("example.com") == "parse \"example.com\": invalid URI for request")
        #expect(err("") == "parse \"\": empty url")
        #expect(err(":foo") == "parse \":foo\": missing protocol scheme")
        #expect(err("https://a b.com/") == "parse \"https://a b.com/\": invalid character \" \" in host name")
        #expect(err("https://example.com:port/") == "parse \"https://example.com:port/\": invalid port \":port\" after host")
        #expect(err("http://[::1/") == "parse \"http://[::1/\": missing ']' in host")
        #expect(err("http://[1.2.3.4]/") == "parse \"http://[1.2.3.4]/\": invalid IP-literal")
        #expect(err("http://a[::1]/") == "parse \"http://a[::1]/\": invalid IP-literal")
        #expect(err("https://x/%zz") == "parse \"https://x/%zz\": invalid URL escape \"%zz\"")
        #expect(err("https://x/\u{7f}") == "parse \"https://x/\\x7f\": net/url: invalid control character in URL")
        #expect(err("http://a:1:2/") == "parse \"http://a:1:2/\": invalid port \":1:2\" after host")
        #expect(err("/path") == nil)
        #expect(err("https://example.com") == nil)
        #expect(err("mailto:someone@example.com") == nil)
    }
}

@Suite struct LibraryGoJSONTests {
    @Test func decodesWithDoubles() throws {
        let v = try GoJSONText.decode(#"{"a": [1, 2.5, -3e2, true, null, "x\u00e9\n"], "b": {}}"#)
        #expect(v == .object(["a": .array([.double(1), .double(2.5), .double(-300), .bool(true), .null, .string("xé\n")]),
                              "b": .object([:])]))
        #expect(try GoJSONText.decode(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try GoJSONText.decode(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try GoJSONText.decode(#"{"a":1,"a":2}"#) == .object(["a": .double(2)]))
    }

    /// Long arrays and objects, nested: each element is appended in place (a copy of the
    /// array at each element made 20,000 numbers take 3 s).
    @Test func decodesLongArraysAndObjects() throws {
        let n = 200_000
        let numbers = "[" + (0..<n).map(String.init).joined(separator: ",") + "]"
        let members = "{" + (0..<n).map { "\"k\($0)\": [\($0), {\"v\": \($0)}]" }.joined(separator: ",") + "}"
        guard case .array(let items) = try GoJSONText.decode(numbers) else { Issue.record("not an array"); return }
        #expect(items.count == n && items.last == .double(Double(n - 1)))
        guard case .object(let object) = try GoJSONText.decode(members) else { Issue.record("not an object"); return }
        #expect(object.count == n)
        #expect(object["k77"] == .array([.double(77), .object(["v": .double(77)])]))
        #expect(object.keys.last == "k\(n - 1)")
    }

    @Test func syntaxErrorsMatchGo() {
        func err(_ s: String) -> String? {
            do { _ = try GoJSONText.decode(s); return nil } catch { return error.message }
        }
        #expect(err("") == "unexpected end of JSON input")
        #expect(err("   ") == "unexpected end of JSON input")
        #expect(err("x") == "invalid character 'x' looking for beginning of value")
        #expect(err("{") == "unexpected end of JSON input")
        #expect(err("{1}") == "invalid character '1' looking for beginning of object key string")
        #expect(err(#"{"a" 1}"#) == "invalid character '1' after object key")
        #expect(err(#"{"a":1 "b"}"#) == "invalid character '\"' after object key:value pair")
        #expect(err("[1 2]") == "invalid character '2' after array element")
        #expect(err("[1,]") == "invalid character ']' looking for beginning of value")
        #expect(err("1 2") == "invalid character '2' after top-level value")
        #expect(err("01") == "invalid character '1' after top-level value")
        #expect(err("1.") == "invalid character ' ' after decimal point in numeric literal")
        #expect(err("-") == "invalid character ' ' in numeric literal")
        #expect(err("1e+") == "invalid character ' ' in exponent of numeric literal")
        #expect(err("tru") == "invalid character ' ' in literal true (expecting 'e')")
        #expect(err("nul1") == "invalid character '1' in literal null (expecting 'l')")
        #expect(err("\"a\u{01}\"") == "invalid character '\\x01' in string literal")
        #expect(err(#""\x""#) == "invalid character 'x' in string escape code")
        #expect(err(#""\u12g4""#) == "invalid character 'g' in \u{5C}u hexadecimal character escape")
        #expect(err("'a'") == "invalid character '\\'' looking for beginning of value")
        #expect(err("1e400") == "json: cannot unmarshal number 1e400 into Go value of type float64")
        let limit = GoJSONText.maxDepth
        #expect(err(String(repeating: "[", count: limit + 1)) == "invalid character '[' exceeded max depth")
        #expect(err(String(repeating: "[", count: limit)) == "unexpected end of JSON input")
        let deep = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(err(deep) == nil)
    }

    @Test func formatsDoublesLikeGo() throws {
        #expect(try GoJSONText.formatDouble(1) == "1")
        #expect(try GoJSONText.formatDouble(1.5) == "1.5")
        #expect(try GoJSONText.formatDouble(-0.0) == "-0")
        #expect(try GoJSONText.formatDouble(1e21) == "1e+21")
        #expect(try GoJSONText.formatDouble(1e20) == "100000000000000000000")
        #expect(try GoJSONText.formatDouble(1e-7) == "1e-7")
        #expect(try GoJSONText.formatDouble(1.5e-7) == "1.5e-7")
        #expect(try GoJSONText.formatDouble(0.000001) == "0.000001")
        #expect(try GoJSONText.formatDouble(123456789.125) == "123456789.125")
        #expect(try GoJSONText.formatDouble(1e100) == "1e+100")
        #expect(try GoJSONText.formatDouble(Double.leastNonzeroMagnitude) == "5e-324")
        #expect(try GoJSONText.formatDouble(0.1) == "0.1")
        #expect(throws: LibraryError("json: unsupported value: NaN")) { try GoJSONText.formatDouble(.nan) }
        #expect(throws: LibraryError("json: unsupported value: -Inf")) { try GoJSONText.formatDouble(-.infinity) }
    }

    @Test func quotesStringsLikeGo() {
        #expect(GoJSONText.quote("a<b>&c") == #""a\u003cb\u003e\u0026c""#)
        #expect(GoJSONText.quote("\u{2028}\u{2029}") == #""\u2028\u2029""#)
        #expect(GoJSONText.quote("\"\\\n\r\t\u{08}\u{0C}\u{01}\u{7f}é") == "\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\u{7f}é\"")
    }

}
