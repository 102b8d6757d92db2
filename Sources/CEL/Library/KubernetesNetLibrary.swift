/// Kubernetes `library.IP()` and `library.CIDR()`.
public struct KubernetesNetLibrary: RuntimeLibrary {
    public init() {}

    /// `parseIPAddr`: netip parsing without zones or IPv4-mapped IPv6 addresses.
    public static func parseIP(_ raw: String) throws(LibraryError) -> IPAddress {
        let q = GoQuote.quote(raw)
        let addr: IPAddress
        do { addr = try IPAddress.parse(raw) } catch {
            throw LibraryError("IP Address \(q) parse error during conversion from string: \(error.message)")
        }
        if !addr.zone.isEmpty { throw LibraryError("IP address \(q) with zone value is not allowed") }
        if addr.is4In6 { throw LibraryError("IPv4-mapped IPv6 address \(q) is not allowed") }
        return addr
    }

    /// `stringToCIDR` (whose messages carry upstream's doubled prefix).
    public static func parseCIDR(_ raw: String) throws(LibraryError) -> IPPrefix {
        let outer = "network address parse error during conversion from string: "
        let prefix: IPPrefix
        do { prefix = try IPPrefix.parse(raw) } catch { throw LibraryError(outer + outer + error.message) }
        if prefix.address.is4In6 {
            throw LibraryError(outer + "IPv4-mapped IPv6 address \(GoQuote.quote(raw)) is not allowed")
        }
        return prefix
    }

    public func register(into t: inout FunctionTable) {
        t.register("ip", [
            Overload("string_to_ip", [.string]) { a in .object(try Self.parseIP(a[0].asString)) },
            Overload("cidr_ip", member: true, [.cidr]) { a in .object(try a[0].opaque(IPPrefix.self).address) },
        ])
        t.register("isIP", [Overload("is_ip", [.string]) { a in .bool((try? Self.parseIP(a[0].asString)) != nil) }])
        t.register("ip.isCanonical", [Overload("ip_is_canonical", [.string]) { a in
            let s = a[0].asString
            return .bool(try Self.parseIP(s).description == s)
        }])
        t.register("family", [Overload("ip_family", member: true, [.ip]) { a in
            .int(try a[0].opaque(IPAddress.self).is4 ? 4 : 6)
        }])
        let predicates: [(String, String, @Sendable (IPAddress) -> Bool)] = [
            ("isUnspecified", "ip_is_unspecified", { $0.isUnspecified }),
            ("isLoopback", "ip_is_loopback", { $0.isLoopback }),
            ("isLinkLocalMulticast", "ip_is_link_local_multicast", { $0.isLinkLocalMulticast }),
            ("isLinkLocalUnicast", "ip_is_link_local_unicast", { $0.isLinkLocalUnicast }),
            ("isGlobalUnicast", "ip_is_global_unicast", { $0.isGlobalUnicast }),
        ]
        for (name, id, test) in predicates {
            t.register(name, [Overload(id, member: true, [.ip]) { a in .bool(test(try a[0].opaque(IPAddress.self))) }])
        }
        t.register("string", [
            Overload("ip_to_string", [.ip]) { a in .string(try a[0].opaque(IPAddress.self).description) },
            Overload("cidr_to_string", [.cidr]) { a in .string(try a[0].opaque(IPPrefix.self).description) },
        ])

        t.register("cidr", [Overload("string_to_cidr", [.string]) { a in .object(try Self.parseCIDR(a[0].asString)) }])
        t.register("isCIDR", [Overload("is_cidr", [.string]) { a in .bool((try? Self.parseCIDR(a[0].asString)) != nil) }])
        t.register("containsIP", [
            Overload("cidr_contains_ip_string", member: true, [.cidr, .string]) { a in
                // Upstream turns a bad address string into "no such overload".
                guard let ip = try? Self.parseIP(a[1].asString) else { throw LibraryError.noSuchOverload }
                return .bool(try a[0].opaque(IPPrefix.self).contains(ip))
            },
            Overload("cidr_contains_ip_ip", member: true, [.cidr, .ip]) { a in
                .bool(try a[0].opaque(IPPrefix.self).contains(a[1].opaque(IPAddress.self)))
            },
        ])
        let containsCIDR: @Sendable (IPPrefix, IPPrefix) -> Bool = { p, o in p.overlaps(o) && p.bits <= o.bits }
        t.register("containsCIDR", [
            Overload("cidr_contains_cidr_string", member: true, [.cidr, .string]) { a in
                .bool(containsCIDR(try a[0].opaque(IPPrefix.self), try Self.parseCIDR(a[1].asString)))
            },
            Overload("cidr_contains_cidr", member: true, [.cidr, .cidr]) { a in
                .bool(containsCIDR(try a[0].opaque(IPPrefix.self), try a[1].opaque(IPPrefix.self)))
            },
        ])
        t.register("prefixLength", [Overload("cidr_prefix_length", member: true, [.cidr]) { a in
            .int(Int64(try a[0].opaque(IPPrefix.self).bits))
        }])
        t.register("masked", [Overload("cidr_masked", member: true, [.cidr]) { a in
            .object(try a[0].opaque(IPPrefix.self).masked)
        }])
    }
}
