/// The opaque CEL values of the Kubernetes libraries (`kubernetes.Quantity`, `net.IP`,
/// `net.CIDR`, `kubernetes.URL`, `kubernetes.Semver`). Equality follows upstream's
/// `Equal` methods; none of them is ordered with `<`.
extension Quantity: OpaqueValue {
    public static let typeName = "kubernetes.Quantity"
    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool {
        guard let o = other as? Quantity else { return false }
        return compare(o) == 0
    }
}

extension IPAddress: OpaqueValue {
    public static let typeName = "net.IP"
    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool { (other as? IPAddress) == self }
}

extension IPPrefix: OpaqueValue {
    public static let typeName = "net.CIDR"
    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool { (other as? IPPrefix) == self }
}

extension GoURL: OpaqueValue {
    public static let typeName = "kubernetes.URL"
    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool { (other as? GoURL) == self }
}

extension SemanticVersion: OpaqueValue {
    public static let typeName = "kubernetes.Semver"
    public var typeName: String { Self.typeName }
    /// blang's `EQ`: precedence equality, build metadata ignored.
    public func isEqual(to other: any OpaqueValue) -> Bool {
        guard let o = other as? SemanticVersion else { return false }
        return compare(o) == 0
    }
}

extension ValueKind {
    static let quantity = ValueKind.object(Quantity.typeName)
    static let ip = ValueKind.object(IPAddress.typeName)
    static let cidr = ValueKind.object(IPPrefix.typeName)
    static let url = ValueKind.object(GoURL.typeName)
    static let semver = ValueKind.object(SemanticVersion.typeName)
}

extension Value {
    /// The library value inside `.object`, when it has type `T`.
    func opaque<T: OpaqueValue>(_ type: T.Type) throws(LibraryError) -> T {
        guard case .object(let o) = self, let v = o as? T else { throw LibraryError.noSuchOverload }
        return v
    }

    /// The first two arguments as library values of type `T`.
    static func pair<T: OpaqueValue>(_ args: [Value], _ type: T.Type) throws(LibraryError) -> (T, T) {
        (try args[0].opaque(T.self), try args[1].opaque(T.self))
    }
}
