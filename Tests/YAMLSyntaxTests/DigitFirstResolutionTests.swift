import Testing
@testable import YAMLSyntax

/// `resolvePlain` decides most digit-first scalars from their bytes (`quickDigitFirst`)
/// before the full go-yaml number parse: wherever it decides, it must agree with that parse.
@Suite struct DigitFirstResolutionTests {
    /// Comparable form of a Go value (NaN equal to itself).
    static func describe(_ v: YAMLScalar.GoValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): "bool \(b)"
        case .int(let i): "int \(i)"
        case .uint(let u): "uint \(u)"
        case .float(let d): "float \(d.bitPattern)"
        case .string(let s): "string \(s)"
        }
    }

    static func check(_ s: String) -> Bool {
        guard let first = s.utf8.first,
              let quick = YAMLScalar.quickDigitFirst(s.utf8, first: first, s) else { return true }
        return describe(quick) == describe(YAMLScalar.parseNumber(s))
    }

    @Test func commonValues() {
        let decided = ["8080", "0", "7", "9090", "100m", "64Mi", "128Mi", "30s", "1s", "3", "999999999999999999",
                       "1é", "2021-01-01T00:00:00Z", "10Gi", "1h30m"]
        for s in decided {
            let first = s.utf8.first!
            #expect(YAMLScalar.quickDigitFirst(s.utf8, first: first, s) != nil, "\(s)")
            #expect(Self.check(s), "\(s)")
        }
        // Left to the full parse: octal, hex, binary, floats, underscores, past 18 digits.
        for s in ["0755", "08", "0x1F", "0o17", "0b101", "1.5", "1e3", "1_000", "1234567890123456789",
                  "99999999999999999999", "1.2.3", "1-2"] {
            #expect(YAMLScalar.quickDigitFirst(s.utf8, first: s.utf8.first!, s) == nil, "\(s)")
        }
        #expect(Self.describe(YAMLScalar.resolvePlain("8080")) == "int 8080")
        #expect(Self.describe(YAMLScalar.resolvePlain("100m")) == "string 100m")
    }

    /// Seeded random digit-first strings over the bytes number syntax uses and a few it
    /// does not: every decided one agrees with `parseNumber`.
    @Test func randomDigitFirstStringsAgree() {
        var rng = FuzzTests.Generator(state: 0x5eed_d161)
        let alphabet = Array("0123456789000111abcdefABCDEFxXoObBeE_.+-mMiIsSgGkKhpPz: é")
        var decided = 0
        for _ in 0..<60_000 {
            let length = 1 + rng.below(24)
            var s = String(rng.below(10))
            for _ in 1..<length { s.append(alphabet[rng.below(alphabet.count)]) }
            if YAMLScalar.quickDigitFirst(s.utf8, first: s.utf8.first!, s) != nil { decided += 1 }
            #expect(Self.check(s), "\(s)")
        }
        #expect(decided > 10_000)
    }
}
