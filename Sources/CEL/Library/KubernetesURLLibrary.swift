/// Kubernetes `library.URLs()`: `url`, `isURL` and the `kubernetes.URL` accessors.
public struct KubernetesURLLibrary: RuntimeLibrary {
    public init() {}

    /// `url(s)`: valid only as a request URI (absolute URL or absolute path); the value
    /// is then parsed as a general URL (fragment split off).
    public static func url(_ s: String) throws(LibraryError) -> GoURL {
        do {
            _ = try GoURL.parseRequestURI(s)
            return try GoURL.parse(s)
        } catch {
            throw LibraryError("URL parse error during conversion from string: " + error.message)
        }
    }

    public func register(into t: inout FunctionTable) {
        t.register("url", [Overload("string_to_url", [.string]) { a in .object(try Self.url(a[0].asString)) }])
        t.register("isURL", [Overload("is_url_string", [.string]) { a in
            .bool((try? GoURL.parseRequestURI(a[0].asString)) != nil)
        }])
        let accessors: [(String, String, @Sendable (GoURL) -> String)] = [
            ("getScheme", "url_get_scheme", { $0.scheme }),
            ("getHost", "url_get_host", { $0.host }),
            ("getHostname", "url_get_hostname", { $0.hostname }),
            ("getPort", "url_get_port", { $0.port }),
            ("getEscapedPath", "url_get_escaped_path", { $0.escapedPath }),
        ]
        for (name, id, get) in accessors {
            t.register(name, [Overload(id, member: true, [.url]) { a in .string(get(try a[0].opaque(GoURL.self))) }])
        }
        t.register("getQuery", [Overload("url_get_query", member: true, [.url]) { a in
            let u = try a[0].opaque(GoURL.self)
            return .stringMap(u.query.map { ($0.key, Value.list($0.values.map(Value.string))) })
        }])
    }
}
