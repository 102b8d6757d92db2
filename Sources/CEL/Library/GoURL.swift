/// A URL with Go `net/url` semantics (the parser Kubernetes' `url()` uses): the same
/// accepted forms, error texts, escaping and accessors.
public struct GoURL: Sendable, Hashable, CustomStringConvertible {
    public var scheme = ""
    public var opaque = ""
    private var userStorage: UserInfo?
    /// The user name of `user:password@host`, nil without userinfo.
    public var username: String? { userStorage?.username }
    public var password: String? { userStorage?.password }
    public var host = ""
    public var path = ""
    public var rawPath = ""
    public var omitHost = false
    public var forceQuery = false
    public var rawQuery = ""
    public var fragment = ""
    public var rawFragment = ""

    private struct UserInfo: Sendable, Hashable {
        var username: String, password: String?
        init(_ u: String, _ p: String?) { username = u; password = p }
    }

    // MARK: Escaping

    enum Mode { case path, pathSegment, host, zone, userPassword, queryComponent, fragment }

    static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) { return false }
        if mode == .host || mode == .zone {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                 UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
                 UInt8(ascii: ">"), UInt8(ascii: "\""):
                return false
            default: break
            }
        }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .pathSegment: return c == UInt8(ascii: "/") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",") || c == UInt8(ascii: "?")
            case .userPassword: return c == UInt8(ascii: "@") || c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":")
            case .queryComponent: return true
            case .fragment: return false
            default: break
            }
        default: break
        }
        if mode == .fragment {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    private static func isHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) }
    private static func unhex(_ c: UInt8) -> UInt8 {
        if c >= 48 && c <= 57 { return c - 48 }
        if c >= 97 && c <= 102 { return c - 97 + 10 }
        if c >= 65 && c <= 70 { return c - 65 + 10 }
        return 0
    }

    private static func text<C: Collection>(_ b: C) -> String where C.Element == UInt8 { String(decoding: b, as: UTF8.self) }

    static func unescape(_ s: ArraySlice<UInt8>, _ mode: Mode) throws(LibraryError) -> [UInt8] {
        var n = 0
        var hasPlus = false
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                n += 1
                if i + 2 >= s.endIndex || !isHex(s[i + 1]) || !isHex(s[i + 2]) {
                    let bad = s[i..<min(i + 3, s.endIndex)]
                    throw LibraryError("invalid URL escape " + GoQuote.quote(text(bad)))
                }
                let triple = s[i..<(i + 3)]
                if mode == .host && unhex(s[i + 1]) < 8 && !triple.elementsEqual("%25".utf8) {
                    throw LibraryError("invalid URL escape " + GoQuote.quote(text(triple)))
                }
                if mode == .zone {
                    let v = unhex(s[i + 1]) << 4 | unhex(s[i + 2])
                    if !triple.elementsEqual("%25".utf8) && v != UInt8(ascii: " ") && shouldEscape(v, .host) {
                        throw LibraryError("invalid URL escape " + GoQuote.quote(text(triple)))
                    }
                }
                i += 3
            } else if c == UInt8(ascii: "+") {
                hasPlus = mode == .queryComponent
                i += 1
            } else {
                if (mode == .host || mode == .zone) && c < 0x80 && shouldEscape(c, mode) {
                    throw LibraryError("invalid character " + GoQuote.quote(text([c])) + " in host name")
                }
                i += 1
            }
        }
        if n == 0 && !hasPlus { return Array(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                out.append(unhex(s[i + 1]) << 4 | unhex(s[i + 2])); i += 3
            } else if c == UInt8(ascii: "+") {
                out.append(mode == .queryComponent ? UInt8(ascii: " ") : c); i += 1
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }

    static func escape<C: Collection>(_ s: C, _ mode: Mode) -> String where C.Element == UInt8 {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in s {
            if c == UInt8(ascii: " ") && mode == .queryComponent { out.append(UInt8(ascii: "+")) }
            else if shouldEscape(c, mode) { out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 15)]] }
            else { out.append(c) }
        }
        return text(out)
    }

    // MARK: Parsing

    /// `url.ParseRequestURI`.
    public static func parseRequestURI(_ raw: String) throws(LibraryError) -> GoURL {
        do { return try parse(Array(raw.utf8)[...], viaRequest: true) } catch {
            throw LibraryError("parse " + GoQuote.quote(raw) + ": " + error.message)
        }
    }

    /// `url.Parse`.
    public static func parse(_ raw: String) throws(LibraryError) -> GoURL {
        let bytes = Array(raw.utf8)
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let u = bytes[..<(hash ?? bytes.endIndex)]
        var url: GoURL
        do { url = try parse(u, viaRequest: false) } catch {
            throw LibraryError("parse " + GoQuote.quote(text(u)) + ": " + error.message)
        }
        if let hash {
            let frag = bytes[(hash + 1)...]
            if frag.isEmpty { return url }
            do {
                let f = try unescape(frag, .fragment)
                url.fragment = text(f)
                url.rawFragment = escape(f, .fragment) == text(frag) ? "" : text(frag)
            } catch {
                throw LibraryError("parse " + GoQuote.quote(raw) + ": " + error.message)
            }
        }
        return url
    }

    private static func parse(_ raw: ArraySlice<UInt8>, viaRequest: Bool) throws(LibraryError) -> GoURL {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7f }) { throw LibraryError("net/url: invalid control character in URL") }
        if raw.isEmpty && viaRequest { throw LibraryError("empty url") }
        var url = GoURL()
        if raw.elementsEqual("*".utf8) { url.path = "*"; return url }
        var rest = raw
        // Scheme: [a-zA-Z][a-zA-Z0-9+-.]* followed by ':'.
        schemeLoop: for i in raw.indices {
            let c = raw[i]
            if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) { continue }
            if (c >= 48 && c <= 57) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
                if i == raw.startIndex { break schemeLoop }
                continue
            }
            if c == UInt8(ascii: ":") {
                if i == raw.startIndex { throw LibraryError("missing protocol scheme") }
                url.scheme = text(raw[..<i]).lowercased()
                rest = raw[(i + 1)...]
            }
            break schemeLoop
        }
        let questionMarks = rest.filter { $0 == UInt8(ascii: "?") }.count
        if rest.last == UInt8(ascii: "?") && questionMarks == 1 {
            url.forceQuery = true
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: UInt8(ascii: "?")) {
            url.rawQuery = text(rest[(q + 1)...])
            rest = rest[..<q]
        }
        if rest.first != UInt8(ascii: "/") {
            if !url.scheme.isEmpty { url.opaque = text(rest); return url }
            if viaRequest { throw LibraryError("invalid URI for request") }
            let segment = rest[..<(rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex)]
            if segment.contains(UInt8(ascii: ":")) { throw LibraryError("first path segment in URL cannot contain colon") }
        }
        let hasDoubleSlash = rest.starts(with: "//".utf8)
        if (!url.scheme.isEmpty || (!viaRequest && !rest.starts(with: "///".utf8))) && hasDoubleSlash {
            var authority = rest.dropFirst(2)
            rest = []
            if let slash = authority.firstIndex(of: UInt8(ascii: "/")) {
                rest = authority[slash...]
                authority = authority[..<slash]
            }
            try url.parseAuthority(authority)
        } else if !url.scheme.isEmpty && rest.first == UInt8(ascii: "/") {
            url.omitHost = true
        }
        let p = try unescape(rest, .path)
        url.path = text(p)
        url.rawPath = escape(p, .path) == text(rest) ? "" : text(rest)
        return url
    }

    private mutating func parseAuthority(_ authority: ArraySlice<UInt8>) throws(LibraryError) {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        host = try Self.parseHost(at.map { authority[($0 + 1)...] } ?? authority, scheme: scheme)
        guard let at else { return }
        let info = authority[..<at]
        for c in info {
            let ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
                || "-._:~!$&'()*+,;=%@".utf8.contains(c)
            if !ok { throw LibraryError("net/url: invalid userinfo") }
        }
        if let colon = info.firstIndex(of: UInt8(ascii: ":")) {
            let u = try Self.unescape(info[..<colon], .userPassword)
            let p = try Self.unescape(info[(colon + 1)...], .userPassword)
            userStorage = UserInfo(Self.text(u), Self.text(p))
        } else {
            userStorage = UserInfo(Self.text(try Self.unescape(info, .userPassword)), nil)
        }
    }

    private static func validOptionalPort(_ port: ArraySlice<UInt8>) -> Bool {
        if port.isEmpty { return true }
        if port.first != UInt8(ascii: ":") { return false }
        return port.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func parseHost(_ host: ArraySlice<UInt8>, scheme: String) throws(LibraryError) -> String {
        if let open = host.lastIndex(of: UInt8(ascii: "[")) {
            if open != host.startIndex { throw LibraryError("invalid IP-literal") }
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else { throw LibraryError("missing ']' in host") }
            let colonPort = host[(close + 1)...]
            if !validOptionalPort(colonPort) {
                throw LibraryError("invalid port " + GoQuote.quote(text(colonPort)) + " after host")
            }
            let port = try unescape(colonPort, .host)
            let name = close > open ? host[(open + 1)..<close] : []
            var unescaped: [UInt8]
            if let z = name.indices.first(where: { name[$0...].starts(with: "%25".utf8) }) {
                unescaped = try unescape(name[..<z], .host) + unescape(name[z...], .zone)
            } else {
                unescaped = try unescape(name, .host)
            }
            let addr: IPAddress
            do { addr = try IPAddress.parse(text(unescaped)) } catch { throw LibraryError("invalid host: " + error.message) }
            if addr.is4 { throw LibraryError("invalid IP-literal") }
            return "[" + text(unescaped) + "]" + text(port)
        }
        if var colon = host.firstIndex(of: UInt8(ascii: ":")) {
            let last = host.lastIndex(of: UInt8(ascii: ":")) ?? colon
            // Go enforces a single colon (the port) only for http and https.
            if last != colon && scheme != "http" && scheme != "https" { colon = last }
            let colonPort = host[colon...]
            if !validOptionalPort(colonPort) {
                throw LibraryError("invalid port " + GoQuote.quote(text(colonPort)) + " after host")
            }
        }
        return text(try unescape(host, .host))
    }

    // MARK: Accessors

    private static func splitHostPort(_ hostPort: String) -> (host: String, port: String) {
        var host = Array(hostPort.utf8)[...]
        var port: ArraySlice<UInt8> = []
        if let colon = host.lastIndex(of: UInt8(ascii: ":")), validOptionalPort(host[colon...]) {
            port = host[(colon + 1)...]
            host = host[..<colon]
        }
        if host.first == UInt8(ascii: "[") && host.last == UInt8(ascii: "]") && host.count >= 2 {
            host = host.dropFirst().dropLast()
        }
        return (text(host), text(port))
    }

    /// `URL.Hostname`.
    public var hostname: String { Self.splitHostPort(host).host }
    /// `URL.Port`.
    public var port: String { Self.splitHostPort(host).port }

    private static func validEncoded(_ s: String, _ mode: Mode) -> Bool {
        for c in s.utf8 {
            if "!$&'()*+,;=:@[]%".utf8.contains(c) { continue }
            if shouldEscape(c, mode) { return false }
        }
        return true
    }

    /// `URL.EscapedPath`.
    public var escapedPath: String {
        if !rawPath.isEmpty && Self.validEncoded(rawPath, .path),
           let p = try? Self.unescape(Array(rawPath.utf8)[...], .path), Self.text(p) == path {
            return rawPath
        }
        if path == "*" { return "*" }
        return Self.escape(Array(path.utf8), .path)
    }

    private var escapedFragment: String {
        if !rawFragment.isEmpty && Self.validEncoded(rawFragment, .fragment),
           let f = try? Self.unescape(Array(rawFragment.utf8)[...], .fragment), Self.text(f) == fragment {
            return rawFragment
        }
        return Self.escape(Array(fragment.utf8), .fragment)
    }

    /// `URL.Query()`: `ParseQuery` with malformed pairs dropped. Keys keep the order of
    /// their first appearance.
    public var query: [(key: String, values: [String])] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        // Go refuses queries with more than 10000 parameters (the whole map is then empty).
        if rawQuery.utf8.filter({ $0 == UInt8(ascii: "&") }).count + 1 > 10_000 { return [] }
        for part in Array(rawQuery.utf8).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if part.contains(UInt8(ascii: ";")) { continue }
            let eq = part.firstIndex(of: UInt8(ascii: "="))
            let k = part[..<(eq ?? part.endIndex)]
            let v = eq.map { part[($0 + 1)...] } ?? []
            guard let key = try? Self.unescape(k, .queryComponent), let value = try? Self.unescape(v, .queryComponent) else { continue }
            let ks = Self.text(key)
            if values[ks] == nil { order.append(ks) }
            values[ks, default: []].append(Self.text(value))
        }
        return order.map { ($0, values[$0] ?? []) }
    }

    /// `URL.String`.
    public var description: String {
        var buf = ""
        if !scheme.isEmpty { buf += scheme + ":" }
        if !opaque.isEmpty {
            buf += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || userStorage != nil {
                if omitHost && host.isEmpty && userStorage == nil {
                    // keep the empty authority out
                } else {
                    if !host.isEmpty || !path.isEmpty || userStorage != nil { buf += "//" }
                    if let u = userStorage {
                        buf += Self.escape(Array(u.username.utf8), .userPassword)
                        if let p = u.password { buf += ":" + Self.escape(Array(p.utf8), .userPassword) }
                        buf += "@"
                    }
                    if !host.isEmpty { buf += Self.escape(Array(host.utf8), .host) }
                }
            }
            let p = escapedPath
            if !p.isEmpty && p.first != "/" && !host.isEmpty { buf += "/" }
            if buf.isEmpty, let seg = p.split(separator: "/", omittingEmptySubsequences: false).first, seg.contains(":") {
                buf += "./"
            }
            buf += p
        }
        if forceQuery || !rawQuery.isEmpty { buf += "?" + rawQuery }
        if !fragment.isEmpty { buf += "#" + escapedFragment }
        return buf
    }

    public static func == (a: GoURL, b: GoURL) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }
}
