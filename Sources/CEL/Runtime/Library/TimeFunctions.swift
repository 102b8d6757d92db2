/// Timestamp accessors (with an optional time zone: IANA name or `±HH:MM`) and
/// duration accessors.
enum TimeFunctions {
    static func register(into t: inout FunctionTable) {
        let accessors: [(String, @Sendable (CivilTime, Int32) -> Int64)] = [
            ("getFullYear", { c, _ in c.year }),
            ("getMonth", { c, _ in c.month - 1 }),
            ("getDayOfYear", { c, _ in c.dayOfYear }),
            ("getDayOfMonth", { c, _ in c.day - 1 }),
            ("getDate", { c, _ in c.day }),
            ("getDayOfWeek", { c, _ in c.dayOfWeek }),
            ("getHours", { c, _ in c.hour }),
            ("getMinutes", { c, _ in c.minute }),
            ("getSeconds", { c, _ in c.second }),
            ("getMilliseconds", { _, n in Int64(n / 1_000_000) }),
        ]
        for (name, get) in accessors {
            t.register(name, [
                Overload("timestamp_\(name)", member: true, [.timestamp]) { a in
                    guard case .timestamp(let ts) = a[0] else { throw EvalError.noSuchOverload(name, a) }
                    return .int(get(CivilTime(epochSeconds: ts.seconds), ts.nanos))
                },
                Overload("timestamp_\(name)_with_tz", member: true, [.timestamp, .string]) { a in
                    guard case .timestamp(let ts) = a[0] else { throw EvalError.noSuchOverload(name, a) }
                    let offset = try TimeZoneResolver.offset(a[1].asString, at: ts.seconds)
                    return .int(get(CivilTime(epochSeconds: ts.seconds + offset), ts.nanos))
                },
            ])
        }
        let durationAccessors: [(String, Int64)] = [
            ("getHours", 3_600_000_000_000), ("getMinutes", 60_000_000_000), ("getSeconds", 1_000_000_000),
        ]
        for (name, unit) in durationAccessors {
            t.register(name, [Overload("duration_\(name)", member: true, [.duration]) { a in
                guard case .duration(let d) = a[0] else { throw EvalError.noSuchOverload(name, a) }
                return .int(d.nanoseconds / unit)
            }])
        }
        t.register("getMilliseconds", [Overload("duration_getMilliseconds", member: true, [.duration]) { a in
            guard case .duration(let d) = a[0] else { throw EvalError.noSuchOverload("getMilliseconds", a) }
            return .int((d.nanoseconds % 1_000_000_000) / 1_000_000)
        }])
    }
}
