/// A runtime error raised by a library function, carrying the exact text upstream
/// (cel-go, Kubernetes, kro) reports. The runtime wraps it into its own error type.
public struct LibraryError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// cel-go's `types.NoSuchOverloadErr()`.
    public static let noSuchOverload = LibraryError("no such overload")
}
