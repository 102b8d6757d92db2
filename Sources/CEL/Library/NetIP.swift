/// An IP address with Go `net/netip.Addr` semantics: parsing (including its error
/// texts), classification and canonical formatting.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The 128-bit address; IPv4 addresses are stored IPv4-mapped (`::ffff:a.b.c.d`).
    public let hi: UInt64
    public let lo: UInt64
    public let is4: Bool
    public let zone: String

    init(hi: UInt64, lo: UInt64, is4: Bool, zone: String = "") {
        self.hi = hi; self.lo = lo; self.is4 = is4; self.zone = is4 ? "" : zone
    }

    init(v4 bytes: [UInt8]) {
        let v = UInt64(bytes[0]) << 24 | UInt64(bytes[1]) << 16 | UInt64(bytes[2]) << 8 | UInt64(bytes[3])
        self.init(hi: 0, lo: 0xffff_0000_0000 | v, is4: true)
    }

    init(v6 bytes: [UInt8], zone: String) {
        var hi: UInt64 = 0, lo: UInt64 = 0
        for i in 0..<8 { hi = hi << 8 | UInt64(bytes[i]) }
        for i in 8..<16 { lo = lo << 8 | UInt64(bytes[i]) }
        self.init(hi: hi, lo: lo, is4: false, zone: zone)
    }

    public var is6: Bool { !is4 }
    public var bitLength: Int { is4 ? 32 : 128 }
    /// An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`).
    public var is4In6: Bool { is6 && hi == 0 && lo >> 32 == 0xffff }

    private var unmapped: IPAddress { is4In6 ? IPAddress(hi: hi, lo: lo, is4: true) : self }
    private func v4(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: lo >> UInt64((3 - i) * 8)) }
    private func v6u16(_ i: Int) -> UInt16 {
        let half = i < 4 ? hi : lo
        return UInt16(truncatingIfNeeded: half >> UInt64((3 - i % 4) * 16))
    }

    // MARK: Classification (netip)

    public var isUnspecified: Bool { (is4 && lo == 0xffff_0000_0000) || (is6 && hi == 0 && lo == 0 && zone.isEmpty) }

    public var isLoopback: Bool {
        let ip = unmapped
        return ip.is4 ? ip.v4(0) == 127 : (ip.hi == 0 && ip.lo == 1)
    }

    public var isMulticast: Bool {
        let ip = unmapped
        return ip.is4 ? ip.v4(0) & 0xf0 == 0xe0 : ip.hi >> 56 == 0xff
    }

    public var isLinkLocalUnicast: Bool {
        let ip = unmapped
        return ip.is4 ? (ip.v4(0) == 169 && ip.v4(1) == 254) : ip.v6u16(0) & 0xffc0 == 0xfe80
    }

    public var isLinkLocalMulticast: Bool {
        let ip = unmapped
        return ip.is4 ? (ip.v4(0) == 224 && ip.v4(1) == 0 && ip.v4(2) == 0) : ip.v6u16(0) & 0xff0f == 0xff02
    }

    public var isGlobalUnicast: Bool {
        let ip = unmapped
        if ip.is4 && (ip.lo == 0xffff_0000_0000 || ip.lo == 0xffff_ffff_ffff) { return false }
        let unspecified6 = ip.is6 && ip.hi == 0 && ip.lo == 0 && ip.zone.isEmpty
        return !unspecified6 && !ip.isLoopback && !ip.isMulticast && !ip.isLinkLocalUnicast
    }

    // MARK: Formatting

    public var description: String {
        if is4 { return string4 }
        if is4In6 {
            let s = "::ffff:" + unmapped.string4
            return zone.isEmpty ? s : s + "%" + zone
        }
        return string6
    }

    private var string4: String { "\(v4(0)).\(v4(1)).\(v4(2)).\(v4(3))" }

    /// RFC 5952: lowercase, no leading zeros, the first longest run (≥ 2) of zero
    /// groups elided.
    private var string6: String {
        var zeroStart = -1, zeroEnd = -1
        var i = 0
        while i < 8 {
            var j = i
            while j < 8 && v6u16(j) == 0 { j += 1 }
            if j - i >= 2 && j - i > zeroEnd - zeroStart { zeroStart = i; zeroEnd = j }
            i = j == i ? i + 1 : j
        }
        var out = ""
        i = 0
        while i < 8 {
            if i == zeroStart {
                out += "::"
                i = zeroEnd
                if i >= 8 { break }
            } else if i > 0 {
                out += ":"
            }
            out += String(v6u16(i), radix: 16)
            i += 1
        }
        return zone.isEmpty ? out : out + "%" + zone
    }

    // MARK: Parsing (netip.ParseAddr)

    public static func parse(_ text: String) throws(LibraryError) -> IPAddress {
        let s = Array(text.utf8)
        for c in s {
            switch c {
            case UInt8(ascii: "."): return try parse4(s, in: text)
            case UInt8(ascii: ":"): return try parse6(s, in: text)
            case UInt8(ascii: "%"): throw error(text, "missing IPv6 address")
            default: continue
            }
        }
        throw error(text, "unable to parse IP")
    }

    static func error(_ input: String, _ msg: String, at: ArraySlice<UInt8> = []) -> LibraryError {
        var text = "ParseAddr(" + GoQuote.quote(input) + "): " + msg
        if !at.isEmpty { text += " (at " + GoQuote.quote(String(decoding: at, as: UTF8.self)) + ")" }
        return LibraryError(text)
    }

    private static func fields4(_ s: ArraySlice<UInt8>, in input: String) throws(LibraryError) -> [UInt8] {
        var fields = [UInt8](repeating: 0, count: 4)
        var val = 0, pos = 0, digLen = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c >= 48 && c <= 57 {
                if digLen == 1 && val == 0 { throw error(input, "IPv4 field has octet with leading zero") }
                val = val * 10 + Int(c - 48)
                digLen += 1
                if val > 255 { throw error(input, "IPv4 field has value >255") }
            } else if c == UInt8(ascii: ".") {
                if i == s.startIndex || i == s.endIndex - 1 || s[i - 1] == UInt8(ascii: ".") {
                    throw error(input, "IPv4 field must have at least one digit", at: s[i...])
                }
                if pos == 3 { throw error(input, "IPv4 address too long") }
                fields[pos] = UInt8(val)
                pos += 1; val = 0; digLen = 0
            } else {
                throw error(input, "unexpected character", at: s[i...])
            }
            i += 1
        }
        if pos < 3 { throw error(input, "IPv4 address too short") }
        fields[3] = UInt8(val)
        return fields
    }

    private static func parse4(_ s: [UInt8], in input: String) throws(LibraryError) -> IPAddress {
        IPAddress(v4: try fields4(s[...], in: input))
    }

    private static func parse6(_ all: [UInt8], in input: String) throws(LibraryError) -> IPAddress {
        var s = all[...]
        var zone = ""
        if let pct = all.firstIndex(of: UInt8(ascii: "%")) {
            s = all[..<pct]
            zone = String(decoding: all[(pct + 1)...], as: UTF8.self)
            if zone.isEmpty { throw error(input, "zone must be a non-empty string") }
        }
        var ip = [UInt8](repeating: 0, count: 16)
        var ellipsis = -1
        if s.count >= 2 && s[s.startIndex] == 58 && s[s.startIndex + 1] == 58 {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return IPAddress(v6: ip, zone: zone) }
        }
        var i = 0
        while i < 16 {
            var off = 0
            var acc: UInt32 = 0
            while off < s.count {
                let c = s[s.startIndex + off]
                if c >= 48 && c <= 57 { acc = acc << 4 + UInt32(c - 48) }
                else if c >= 97 && c <= 102 { acc = acc << 4 + UInt32(c - 97 + 10) }
                else if c >= 65 && c <= 70 { acc = acc << 4 + UInt32(c - 65 + 10) }
                else { break }
                if off > 3 { throw error(input, "each group must have 4 or less digits", at: s) }
                if acc > 0xffff { throw error(input, "IPv6 field has value >=2^16", at: s) }
                off += 1
            }
            if off == 0 { throw error(input, "each colon-separated field must have at least one digit", at: s) }
            if off < s.count && s[s.startIndex + off] == UInt8(ascii: ".") {
                if ellipsis < 0 && i != 12 {
                    throw error(input, "embedded IPv4 address must replace the final 2 fields of the address", at: s)
                }
                if i + 4 > 16 {
                    throw error(input, "too many hex fields to fit an embedded IPv4 at the end of the address", at: s)
                }
                let v4 = try fields4(s, in: input)
                ip[i] = v4[0]; ip[i + 1] = v4[1]; ip[i + 2] = v4[2]; ip[i + 3] = v4[3]
                s = []
                i += 4
                break
            }
            ip[i] = UInt8(acc >> 8); ip[i + 1] = UInt8(acc & 0xff)
            i += 2
            s = s.dropFirst(off)
            if s.isEmpty { break }
            if s.first != 58 { throw error(input, "unexpected character, want colon", at: s) }
            if s.count == 1 { throw error(input, "colon must be followed by more characters", at: s) }
            s = s.dropFirst()
            if s.first == 58 {
                if ellipsis >= 0 { throw error(input, "multiple :: in address", at: s) }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { throw error(input, "trailing garbage after address", at: s) }
        if i < 16 {
            if ellipsis < 0 { throw error(input, "address string too short") }
            let n = 16 - i
            var j = i - 1
            while j >= ellipsis { ip[j + n] = ip[j]; j -= 1 }
            for k in ellipsis..<(ellipsis + n) { ip[k] = 0 }
        } else if ellipsis >= 0 {
            throw error(input, "the :: must expand to at least one field of zeros")
        }
        return IPAddress(v6: ip, zone: zone)
    }

    /// The address with only the top `bits` bits kept (`netip.Addr.Prefix` masking).
    func masked(to bits: Int) -> IPAddress {
        let effective = is4 ? bits + 96 : bits
        let (mh, ml): (UInt64, UInt64)
        if effective >= 128 { (mh, ml) = (.max, .max) }
        else if effective >= 64 { (mh, ml) = (.max, effective == 64 ? 0 : ~(UInt64.max >> UInt64(effective - 64))) }
        else { (mh, ml) = (effective == 0 ? 0 : ~(UInt64.max >> UInt64(effective)), 0) }
        return IPAddress(hi: hi & mh, lo: lo & ml, is4: is4, zone: zone)
    }
}

/// A network prefix with Go `net/netip.Prefix` semantics.
public struct IPPrefix: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let bits: Int

    public var description: String { address.description + "/" + String(bits) }

    /// `netip.ParsePrefix`.
    public static func parse(_ text: String) throws(LibraryError) -> IPPrefix {
        func fail(_ msg: String) -> LibraryError { LibraryError("netip.ParsePrefix(" + GoQuote.quote(text) + "): " + msg) }
        let s = Array(text.utf8)
        guard let slash = s.lastIndex(of: UInt8(ascii: "/")) else { throw fail("no '/'") }
        let ip: IPAddress
        do { ip = try IPAddress.parse(String(decoding: s[..<slash], as: UTF8.self)) } catch { throw fail(error.message) }
        if ip.is6 && !ip.zone.isEmpty { throw fail("IPv6 zones cannot be present in a prefix") }
        let bitsText = s[(slash + 1)...]
        let quoted = GoQuote.quote(String(decoding: bitsText, as: UTF8.self))
        if bitsText.count > 1, let f = bitsText.first, f < UInt8(ascii: "1") || f > UInt8(ascii: "9") {
            throw fail("bad bits after slash: " + quoted)
        }
        guard let bits = Quantity.goParseInt64(bitsText) else { throw fail("bad bits after slash: " + quoted) }
        if bits < 0 || bits > Int64(ip.bitLength) { throw fail("prefix length out of range") }
        return IPPrefix(address: ip, bits: Int(bits))
    }

    /// `Prefix.Masked`.
    public var masked: IPPrefix { IPPrefix(address: address.masked(to: bits), bits: bits) }

    /// `Prefix.Contains`.
    public func contains(_ ip: IPAddress) -> Bool {
        if !ip.zone.isEmpty || ip.bitLength != address.bitLength { return false }
        return ip.masked(to: bits) == address.masked(to: bits)
    }

    /// `Prefix.Overlaps`.
    public func overlaps(_ other: IPPrefix) -> Bool {
        if self == other { return true }
        if address.is4 != other.address.is4 { return false }
        let minBits = min(bits, other.bits)
        if minBits == 0 { return true }
        return address.masked(to: minBits) == other.address.masked(to: minBits)
    }
}
