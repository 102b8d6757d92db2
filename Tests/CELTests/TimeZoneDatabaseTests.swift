import Foundation
import Testing
@testable import CEL

/// The zones linked into the binary answer as Go's `time.Location` does for kro: fixed
/// vectors across eras (before the first transition, the table, the footer rule past it,
/// both hemispheres, half hours, a zone without transitions), the footer's POSIX rules on
/// their own, and the whole table against ICU's where both have the same rules.
@Suite struct TimeZoneDatabaseTests {
    static func seconds(_ text: String) throws -> Int64 { try CELTimestamp.parse(text).seconds }

    static func offset(_ zone: String, _ instant: String) throws -> Int64? {
        try TimeZoneDatabase.zone(named: zone)?.utcOffset(at: seconds(instant))
    }

    @Test func theDatabaseIsLinkedIn() {
        #expect(TimeZoneDatabase.version.hasPrefix("20"))
        #expect(TimeZoneDatabase.names.count > 500)
        #expect(TimeZoneDatabase.names.contains("America/New_York"))
        #expect(TimeZoneDatabase.names.contains("US/Eastern"))  // a link
        // Names are exact, as zoneinfo file names are; nothing outside the table is read.
        #expect(TimeZoneDatabase.zone(named: "america/new_york") == nil)
        #expect(TimeZoneDatabase.zone(named: "../zoneinfo/UTC") == nil)
        #expect(TimeZoneDatabase.zone(named: "") == nil)
    }

    @Test func offsetsAcrossEras() throws {
        let hour: Int64 = 3600
        // The table: New York's daylight time, on both sides of its 2024 changes.
        #expect(try Self.offset("America/New_York", "2024-01-15T12:00:00Z") == -5 * hour)
        #expect(try Self.offset("America/New_York", "2024-07-15T12:00:00Z") == -4 * hour)
        #expect(try Self.offset("America/New_York", "2024-03-10T06:59:59Z") == -5 * hour)
        #expect(try Self.offset("America/New_York", "2024-03-10T07:00:00Z") == -4 * hour)
        #expect(try Self.offset("America/New_York", "2024-11-03T05:59:59Z") == -4 * hour)
        #expect(try Self.offset("America/New_York", "2024-11-03T06:00:00Z") == -5 * hour)
        // Past the table (2037 in fat files): the footer's rules, the same changes.
        #expect(try Self.offset("America/New_York", "2090-07-15T12:00:00Z") == -4 * hour)
        #expect(try Self.offset("America/New_York", "2090-12-15T12:00:00Z") == -5 * hour)
        #expect(try Self.offset("America/New_York", "2090-03-12T06:59:59Z") == -5 * hour)
        #expect(try Self.offset("America/New_York", "2090-03-12T07:00:00Z") == -4 * hour)
        // The southern hemisphere: daylight time across the new year, in the table and past it.
        #expect(try Self.offset("Australia/Sydney", "2024-01-15T00:00:00Z") == 11 * hour)
        #expect(try Self.offset("Australia/Sydney", "2024-07-15T00:00:00Z") == 10 * hour)
        #expect(try Self.offset("Australia/Sydney", "2095-01-15T00:00:00Z") == 11 * hour)
        #expect(try Self.offset("Australia/Sydney", "2095-07-15T00:00:00Z") == 10 * hour)
        // Half and quarter hours; Lord Howe's half-hour daylight time.
        #expect(try Self.offset("Asia/Kolkata", "2024-06-01T00:00:00Z") == 5 * hour + 1800)
        #expect(try Self.offset("Asia/Kathmandu", "2009-02-13T23:31:30Z") == 5 * hour + 2700)
        #expect(try Self.offset("Australia/Lord_Howe", "2024-01-15T00:00:00Z") == 11 * hour)
        #expect(try Self.offset("Australia/Lord_Howe", "2024-07-15T00:00:00Z") == 10 * hour + 1800)
        // Before the first transition: local mean time (New York's was −4:56:02).
        #expect(try Self.offset("America/New_York", "1850-01-01T00:00:00Z") == -(4 * hour + 56 * 60 + 2))
        // Zones without transitions, and ones whose sign reads backwards (POSIX).
        #expect(try Self.offset("UTC", "2024-01-01T00:00:00Z") == 0)
        #expect(try Self.offset("Etc/GMT+5", "2024-01-01T00:00:00Z") == -5 * hour)
        #expect(try Self.offset("Etc/GMT-14", "2024-01-01T00:00:00Z") == 14 * hour)
    }

    @Test func footerRules() throws {
        let us = try #require(POSIXTimeZone("EST5EDT,M3.2.0,M11.1.0"))
        #expect(us.utcOffset(at: try Self.seconds("2030-03-10T06:59:59Z")) == -5 * 3600)
        #expect(us.utcOffset(at: try Self.seconds("2030-03-10T07:00:00Z")) == -4 * 3600)
        // Without rules, a daylight time follows tzcode's US default.
        let bare = try #require(POSIXTimeZone("EST5EDT"))
        #expect(bare.utcOffset(at: try Self.seconds("2030-07-01T00:00:00Z")) == -4 * 3600)
        // Quoted names, minutes, a change at a time past 24 h and one at a negative time.
        let quoted = try #require(POSIXTimeZone("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(quoted.utcOffset(at: try Self.seconds("2030-01-01T00:00:00Z")) == 11 * 3600)
        #expect(quoted.utcOffset(at: try Self.seconds("2030-06-01T00:00:00Z")) == 10 * 3600 + 1800)
        let late = try #require(POSIXTimeZone("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1"))
        #expect(late.utcOffset(at: try Self.seconds("2030-06-01T00:00:00Z")) == -2 * 3600)
        let julian = try #require(POSIXTimeZone("XXX0YYY,J60/0,J61/0"))  // daylight on March 1 only
        #expect(julian.utcOffset(at: try Self.seconds("2032-03-01T12:00:00Z")) == 3600)
        #expect(julian.utcOffset(at: try Self.seconds("2032-02-29T12:00:00Z")) == 0)
        let zeroBased = try #require(POSIXTimeZone("XXX0YYY,59/0,60/0"))  // counts February 29
        #expect(zeroBased.utcOffset(at: try Self.seconds("2032-02-29T12:00:00Z")) == 3600)
        // Malformed strings are refused (the zone's last type then stands).
        for text in ["", "E5", "EST", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,M11.1.0x", "<EST5"] {
            #expect(POSIXTimeZone(text) == nil, "\(text)")
        }
    }

    /// The accessors' zone argument as cel-go reads it: with a `:`, Go's Atoi of hours and
    /// minutes (a leading `-` subtracts both); else a name for Go's LoadLocation.
    @Test func zoneArgumentsAsCelGoReadsThem() throws {
        let at = try Self.seconds("2024-07-15T12:00:00Z")
        func offset(_ zone: String) throws -> Int64 { try TimeZoneResolver.offset(zone, at: at) }
        #expect(try offset("+05:30") == 19_800)
        #expect(try offset("5:30") == 19_800)
        #expect(try offset("02:00") == 7_200)
        #expect(try offset("-02:30") == -9_000)
        #expect(try offset("-00:30") == -1_800)
        #expect(try offset("-00:00") == 0)
        #expect(try offset("30:00") == 108_000)  // Go's FixedZone takes it as written
        #expect(try offset("") == 0)
        #expect(try offset("UTC") == 0)
        #expect(try offset("Local") == 0)
        #expect(try offset("America/New_York") == -14_400)
        for zone in ["Z", "utc", "02:3x", ":30", "1:", "1:2:3", " 1:00", "99999999999999999999:00",
                     "9999999999999:00", "../zoneinfo/UTC", "Mars/Olympus"] {
            #expect(throws: EvalError.self, "\(zone)") { try offset(zone) }
        }
    }

    /// Every zone both know, at a spread of instants from 1970 to 2037, against ICU's
    /// `TimeZone` (whose tables may be of another tzdata release).
    @Test func theTableAgreesWithICU() throws {
        var compared = 0, disagreeing: [String] = []
        for name in TimeZoneDatabase.names {
            guard let ours = TimeZoneDatabase.zone(named: name), let icu = TimeZone(identifier: name),
                  icu.identifier == name else { continue }
            var instant: Int64 = 0
            var agrees = true
            while instant < 2_145_916_800 {  // 2038-01-01
                if ours.utcOffset(at: instant) != Int64(icu.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))) {
                    agrees = false
                    break
                }
                instant += 86_400 * 13 + 3_607
            }
            compared += 1
            if !agrees { disagreeing.append(name) }
        }
        #expect(compared > 400)
        // tzdata 2024b made these old rule zones links to cities (EET to Europe/Athens, …);
        // an ICU of an older release keeps the rules they had. Any other zone must agree.
        let relinked: Set = ["CET", "EET", "MET", "WET", "EST", "MST", "HST", "CST6CDT", "EST5EDT", "MST7MDT", "PST8PDT"]
        #expect(Set(disagreeing).isSubset(of: relinked), "\(disagreeing)")
    }
}
