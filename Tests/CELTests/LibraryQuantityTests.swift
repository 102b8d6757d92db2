import Testing
@testable import CEL

@Suite struct LibraryQuantityTests {
    func q(_ s: String) throws -> Quantity { try Quantity.parse(s) }

    @Test func comparesAcrossSuffixes() throws {
        #expect(try q("1Gi").compare(q("512Mi")) == 1)
        #expect(try q("50M").compare(q("50Mi")) == -1)
        #expect(try q("200M").compare(q("0.2G")) == 0)
        #expect(try q("2M").compare(q("0.002G")) == 0)
        #expect(try q("2000k").compare(q("2M")) == 0)
        #expect(try q("200M").compare(q("0.3G")) == -1)
        #expect(try q("1e3").compare(q("1k")) == 0)
        #expect(try q("1E3").compare(q("1000")) == 0)
        #expect(try q("100m").compare(q("0.1")) == 0)
        #expect(try q("1n").compare(q("0.000000001")) == 0)
        #expect(try q("1u").compare(q("1000n")) == 0)
        #expect(try q("-1").compare(q("1")) == -1)
        #expect(try q("1Ki").compare(q("1024")) == 0)
        #expect(try q("1Ei").compare(q("1152921504606846976")) == 0)
    }

    @Test func parseErrors() {
        #expect(throws: Quantity.formatError) { try Quantity.parse("10Mo") }
        #expect(throws: Quantity.formatError) { try Quantity.parse("") }
        #expect(throws: Quantity.formatError) { try Quantity.parse("1.2.3") }
        #expect(throws: Quantity.formatError) { try Quantity.parse("abc") }
        #expect(throws: Quantity.suffixError) { try Quantity.parse("10Mm") }
        #expect(throws: Quantity.suffixError) { try Quantity.parse("1e") }
        #expect(throws: Quantity.suffixError) { try Quantity.parse("1Mi5") }
        #expect(throws: Quantity.numericError) { try Quantity.parse(".e-20") }
        #expect(Quantity.formatError.message
            == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    }

    @Test func oddButValidSpellings() throws {
        #expect(try q(".").sign == 0)
        #expect(try q("+").sign == 0)
        #expect(try q("-000").sign == 0)
        #expect(try q("1e+3").int64Value == 1000)
        #expect(try q("00.5").compare(q("0.5")) == 0)
    }

    @Test func integerConversionFollowsTheRepresentation() throws {
        #expect(try q("50k").int64Value == 50000)
        #expect(try q("50").int64Value == 50)
        #expect(try q("9999999999999999999999999999999999999G").int64Value == nil)
        // A fractional spelling keeps a negative scale: not an integer for apimachinery.
        #expect(try q("1.0").int64Value == nil)
        #expect(try q("1000m").int64Value == nil)
        // Binary suffix with a fraction takes the decimal path: never an integer.
        #expect(try q("1.5Ki").int64Value == nil)
        #expect(try q("1Ki").int64Value == 1024)
        // More than 18 digits always take the decimal representation.
        #expect(try q("922337203685477580").int64Value == 922337203685477580)
        #expect(try q("9223372036854775807").int64Value == nil)
    }

    @Test func arithmetic() throws {
        #expect(try q("50k").adding(q("20")).compare(q("50.02k")) == 0)
        #expect(try q("50k").adding(Quantity(integer: 20)).compare(q("50020")) == 0)
        #expect(try q("50k").subtracting(q("20")).compare(q("49.98k")) == 0)
        #expect(try q("50k").subtracting(Quantity(integer: 20)).compare(q("49980")) == 0)
        let chain = try q("50k").adding(Quantity(integer: 20)).subtracting(q("100k"))
        #expect(chain.int64Value == -49980)
        #expect(try chain.subtracting(Quantity(integer: -50000)).int64Value == 20)
        let big = try q("9999999999999999999999999999999999999")
        #expect(try big.adding(q("1")).compare(big.adding(q("2"))) == -1)
        // Overflowing the int64 representation moves to exact decimals.
        let max = Quantity(integer: Int64.max)
        let sum = try max.adding(Quantity(integer: 1))
        #expect(sum.int64Value == nil)
        #expect(try sum.compare(q("9223372036854775808")) == 0)
    }

    @Test func signAndFloat() throws {
        #expect(try q("-5m").sign == -1)
        #expect(try q("0").sign == 0)
        #expect(try q("3Gi").sign == 1)
        #expect(try q("50.703k").approximateDouble == 50703)
        #expect(try q("1.5Gi").approximateDouble == 1610612736.0)
        #expect(try q("1m").approximateDouble == 0.001)
        #expect(try q("1e400").approximateDouble == .infinity)
    }

    @Test func roundingAndClamping() throws {
        // Sub-nano precision rounds up, away from zero.
        #expect(try q("0.0000000001").compare(q("1n")) == 0)
        #expect(try q("-0.0000000001").compare(q("-1n")) == 0)
        // Binary quantities beyond int64 are clamped to int64 max.
        #expect(try q("16Ei").compare(q("9223372036854775807")) == 0)
    }

    @Test func hostileSizesDoNotHang() throws {
        #expect(throws: LibraryError.self) { try Quantity.parse("1234567890123456789012e1000000000") }
        #expect(try q("1e-1000000000").compare(q("0")) == 1)
        let huge = try q("1e2000000000")
        #expect(huge.compare(Quantity(integer: 1)) == 1)
        #expect(throws: LibraryError.self) { try huge.adding(Quantity(integer: 1)) }
    }

    @Test func describesExactly() throws {
        #expect(try q("1.5").description == "1.5")
        #expect(try q("-1n").description == "-0.000000001")
        #expect(try q("1k").description == "1e3")
        #expect(try q("0e-1000000000").description == "0")
        #expect(try q("1.5Gi").description == "1610612736.000000000")
    }

    @Test func goPow10MatchesTables() {
        #expect(GoMath.pow10(0) == 1)
        #expect(GoMath.pow10(-9) == 1e-9)
        #expect(GoMath.pow10(309) == .infinity)
        #expect(GoMath.pow10(-324) == 0)
    }
}

/// apimachinery's own parse table (`TestQuantityParse`): input → value × 10^scale.
@Suite struct LibraryQuantityUpstreamTableTests {
    static let cases: [(String, Int64, Int)] = [
        ("0m", 0, 0), ("0Ki", 0, 0), ("1", 1, 0), ("1Ki", 1024, 0), ("7Mi", 7 * 1024 * 1024, 0),
        ("3Ei", 3 << 60, 0), ("5n", 5, -9), ("4u", 4, -6), ("3m", 3, -3), ("50k", 5, 4), ("40T", 4, 13),
        ("1E", 1, 18), ("1E-3", 1, -3), ("1e3", 1, 3), ("1E18", 1, 18), ("100.035k", 100035, 0),
        ("0.0005k", 5, -1), ("0.00500", 5, -3), ("0.5e-2", 5, -3), ("10.035M", 10035, 3), ("1.3E+6", 13, 5),
        ("1.7E18", 17, 17), ("6.987654321G", 6987654321, 0), ("1.01E", 101, 16), ("3.001n", 4, -9),
        ("1.1E-9", 2, -9), ("0.0000000005", 1, -9), ("0.5e-9", 1, -9), ("0.9n", 1, -9),
        ("0.00000012345", 124, -9), ("0.00000012354", 124, -9), ("9Ei", Int64.max, 0),
        ("9223372036854775807Ki", Int64.max, 0), ("12E", 12, 18), ("100.035Ki", 10243584, -2),
        ("0.5Mi", 524288, 0), ("0.05Gi", 536870912, -1), ("0.025Ti", 274877906944, -1),
        ("0.000000000001Ki", 2, -9), (".001", 1, -3), (".0001k", 100, -3), ("1.", 1, 0), ("1.G", 1, 9),
    ]

    @Test(arguments: cases)
    func parsesToExactValue(input: String, value: Int64, scale: Int) throws {
        let expected = Quantity(amount: .decimal(BigDecimal(value, scale: -scale)))
        #expect(try Quantity.parse(input).compare(expected) == 0)
        #expect(try Quantity.parse("-" + input).compare(Quantity(amount: .decimal(BigDecimal(value, scale: -scale).negated))) == 0)
    }

    @Test(arguments: ["1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 "])
    func rejects(input: String) {
        #expect(throws: LibraryError.self) { try Quantity.parse(input) }
    }
}
