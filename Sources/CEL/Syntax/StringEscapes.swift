/// Decodes the body of a CEL string or bytes literal (cel-spec lexis): `\\ \? \" \' \`
/// \a \b \f \n \r \t \v`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`, octal `\ooo`. In bytes literals
/// hex and octal escapes are single bytes; in strings they are code points.
enum StringEscapes {
    struct Failure: Error {
        var message: String
        /// Offset of the bad escape inside the body, and its length.
        var offset: Int
        var length: Int
    }

    static func decode(_ body: [UInt8], raw: Bool, bytes: Bool) -> Result<[UInt8], Failure> {
        if raw { return .success(body) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        func hexValue(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= body.count else { return nil }
            var v: UInt32 = 0
            for b in body[from..<from + count] {
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                default: return nil
                }
                v = v * 16 + d
            }
            return v
        }
        func append(scalar v: UInt32, at: Int, length: Int) -> Failure? {
            if bytes && v < 0x100 && length <= 4 { out.append(UInt8(v)); return nil }
            guard let scalar = Unicode.Scalar(v) else {
                return Failure(message: "invalid unicode code point", offset: at, length: length)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            return nil
        }
        while i < body.count {
            let c = body[i]
            guard c == 0x5C else { out.append(c); i += 1; continue }
            guard i + 1 < body.count else {
                return .failure(Failure(message: "invalid escape sequence", offset: i, length: 1))
            }
            let e = body[i + 1]
            switch e {
            case 0x5C, 0x3F, 0x22, 0x27, 0x60: out.append(e); i += 2
            case 0x61: out.append(0x07); i += 2
            case 0x62: out.append(0x08); i += 2
            case 0x66: out.append(0x0C); i += 2
            case 0x6E: out.append(0x0A); i += 2
            case 0x72: out.append(0x0D); i += 2
            case 0x74: out.append(0x09); i += 2
            case 0x76: out.append(0x0B); i += 2
            case 0x78, 0x58, 0x75, 0x55:
                let count = (e == 0x78 || e == 0x58) ? 2 : (e == 0x75 ? 4 : 8)
                guard let v = hexValue(i + 2, count) else {
                    return .failure(Failure(message: "invalid escape sequence", offset: i, length: min(2 + count, body.count - i)))
                }
                if bytes && (e == 0x75 || e == 0x55) {
                    return .failure(Failure(message: "unicode escape sequences are not allowed in bytes literals", offset: i, length: 2 + count))
                }
                if let failure = append(scalar: v, at: i, length: 2 + count) { return .failure(failure) }
                i += 2 + count
            case 0x30...0x33:
                let digits = body[(i + 1)...].prefix(3)
                guard digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else {
                    return .failure(Failure(message: "invalid escape sequence", offset: i, length: min(4, body.count - i)))
                }
                let v = digits.reduce(UInt32(0)) { $0 * 8 + UInt32($1 - 0x30) }
                if let failure = append(scalar: v, at: i, length: 4) { return .failure(failure) }
                i += 4
            default:
                return .failure(Failure(message: "invalid escape sequence", offset: i, length: 2))
            }
        }
        return .success(out)
    }
}
