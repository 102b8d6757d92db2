import Testing
@testable import CEL

@Suite("Runtime timestamps and durations")
struct RuntimeTimeTests {
    let b = ASTBuilder()

    func ts(_ s: String) throws -> CELTimestamp { try CELTimestamp.parse(s) }

    @Test func timestampParsingAndFormatting() throws {
        #expect(try ts("2009-02-13T23:31:30Z").seconds == 1_234_567_890)
        #expect(try ts("2009-02-13T23:31:30.5+01:00").description == "2009-02-13T22:31:30.5Z")
        #expect(try ts("9999-12-31T23:59:59.999999999Z").description == "9999-12-31T23:59:59.999999999Z")
        #expect(try ts("0001-01-01T00:00:00Z").seconds == CELTimestamp.minSeconds)
        #expect(try ts("1969-12-31T23:59:59Z").seconds == -1)
        #expect(throws: EvalError.self) { try CELTimestamp.parse("2009-02-30T00:00:00Z") }
        #expect(throws: EvalError.self) { try CELTimestamp.parse("2009-02-13 23:31:30Z") }
        #expect(throws: EvalError.self) { try CELTimestamp.parse("10000-01-01T00:00:00Z") }
        #expect(CELTimestamp(seconds: CELTimestamp.maxSeconds + 1) == nil)
    }

    @Test func durationParsingAndFormatting() throws {
        #expect(try CELDuration.parse("1h2m3.5s").nanoseconds == 3_723_500_000_000)
        #expect(try CELDuration.parse("-1.5ms").nanoseconds == -1_500_000)
        #expect(try CELDuration.parse("0").nanoseconds == 0)
        #expect(try CELDuration.parse("1µs").nanoseconds == 1_000)
        #expect(try CELDuration.parse("1h2m3.5s").description == "3723.5s")
        #expect(try CELDuration.parse("1h").goDescription == "1h0m0s")
        #expect(try CELDuration.parse("1.5ms").goDescription == "1.5ms")
        #expect(throws: EvalError.self) { try CELDuration.parse("1d") }
        #expect(throws: EvalError.self) { try CELDuration.parse("") }
        #expect(throws: EvalError.self) { try CELDuration.parse("320000000000s") }
    }

    @Test func arithmeticRangeErrors() throws {
        let max = Value.timestamp(try ts("9999-12-31T23:59:59Z"))
        let min = Value.timestamp(try ts("0001-01-01T00:00:00Z"))
        let t = FunctionTable.standard
        #expect(throws: EvalError.self) { try t.call("_+_", member: false, [max, .duration(CELDuration(nanoseconds: 1_000_000_000))]) }
        #expect(throws: EvalError.self) { try t.call("_-_", member: false, [min, .duration(CELDuration(nanoseconds: 1))]) }
        #expect(throws: EvalError.self) { try t.call("_-_", member: false, [max, min]) }
        let d = Value.duration(CELDuration(nanoseconds: .max))
        #expect(throws: EvalError.self) { try t.call("_+_", member: false, [d, d]) }
        let r = try t.call("_-_", member: false, [.timestamp(try ts("2009-02-13T23:31:00Z")), .timestamp(try ts("2009-02-13T23:29:00Z"))])
        #expect(r.celEquals(.duration(CELDuration(nanoseconds: 120_000_000_000))))
    }

    @Test func accessorsWithTimeZones() throws {
        let t = FunctionTable.standard
        let v = Value.timestamp(try ts("2009-02-13T23:31:30Z"))
        func get(_ f: String, _ tz: String? = nil) throws -> Value {
            try t.call(f, member: true, tz.map { [v, .string($0)] } ?? [v])
        }
        #expect(try get("getFullYear").celEquals(.int(2009)))
        #expect(try get("getMonth").celEquals(.int(1)))
        #expect(try get("getDayOfYear").celEquals(.int(43)))
        #expect(try get("getDayOfMonth").celEquals(.int(12)))
        #expect(try get("getDate").celEquals(.int(13)))
        #expect(try get("getDayOfWeek").celEquals(.int(5)))
        #expect(try get("getDate", "Australia/Sydney").celEquals(.int(14)))
        #expect(try get("getMinutes", "Asia/Kathmandu").celEquals(.int(16)))
        #expect(try get("getHours", "+05:30").celEquals(.int(5)))
        #expect(try get("getHours", "-02:30").celEquals(.int(21)))
        #expect(throws: EvalError.self) { try get("getHours", "Mars/Olympus") }
        let d = Value.duration(try CELDuration.parse("3730.5s"))
        #expect(try t.call("getMinutes", member: true, [d]).celEquals(.int(62)))
        #expect(try t.call("getMilliseconds", member: true, [d]).celEquals(.int(500)))
    }
}
