import JSON
import OrderedCollections

/// Follows `$ref: "#/definitions/NAME"` against a set of named definitions. A `$ref` may
/// sit beside a `description`; the referencing site's description wins, because it says
/// what the field means where it is used.
public struct SchemaResolver: Sendable {
    private enum Definitions: Sendable {
        case parsed(OrderedDictionary<String, JSONValue>)
        case unparsed(UnparsedDefinitions)
    }
    private let definitions: Definitions

    public init(definitions: OrderedDictionary<String, JSONValue>) { self.definitions = .parsed(definitions) }

    /// Definitions still in `bytes` (each at its range, checked already), each parsed the
    /// first time it is asked for: a run reads a few of the bundle's 400.
    init(bytes: ByteBlob, ranges: [String: Range<Int>]) {
        definitions = .unparsed(UnparsedDefinitions(bytes: bytes, ranges: ranges))
    }

    public static let empty = SchemaResolver(definitions: [:])

    public func definition(named name: String) -> OpenAPISchema? {
        switch definitions {
        case .parsed(let parsed): parsed[name].flatMap { OpenAPISchema(json: $0) }
        case .unparsed(let unparsed): unparsed.json(named: name).flatMap { OpenAPISchema(json: $0) }
        }
    }

    /// The schema with its `$ref` chain followed (at most a few hops, against loops).
    public func resolve(_ schema: OpenAPISchema) -> OpenAPISchema {
        follow(schema, keepingSiteDescription: true)
    }

    /// `resolve` without carrying the site's `description` over (no copy of the target):
    /// for readers of the shape only (types, properties, items).
    public func resolveShape(_ schema: OpenAPISchema) -> OpenAPISchema {
        follow(schema, keepingSiteDescription: false)
    }

    private static let refPrefix = "#/definitions/"

    private func follow(_ schema: OpenAPISchema, keepingSiteDescription: Bool) -> OpenAPISchema {
        var current = schema
        var hops = 0
        while let ref = current.ref, hops < 16 {
            // The prefix is ASCII: comparing and cutting UTF-8 bytes is the same as by characters.
            let prefix = Self.refPrefix.utf8
            guard ref.utf8.starts(with: prefix),
                  let target = definition(named: String(ref[ref.utf8.index(ref.startIndex, offsetBy: prefix.count)...]))
            else {
                return current
            }
            let siteDescription = keepingSiteDescription ? current.description : nil
            current = target
            if let siteDescription { current = current.replacing("description", with: .string(siteDescription)) }
            hops += 1
        }
        return current
    }
}

/// The definitions of a bundle still in its bytes, parsed one by one when first asked for
/// (the whole bundle parsed was a megabyte of every run's memory).
private final class UnparsedDefinitions: @unchecked Sendable {
    private let bytes: ByteBlob
    private let ranges: [String: Range<Int>]
    private let lock = Lock()
    private var parsed: [String: JSONValue] = [:]

    init(bytes: ByteBlob, ranges: [String: Range<Int>]) { self.bytes = bytes; self.ranges = ranges }

    func json(named name: String) -> JSONValue? {
        lock.withLock {
            if let known = parsed[name] { return known }
            guard let range = ranges[name] else { return nil }
            // The bundle was checked whole when it was loaded: this parse does not fail.
            let value = bytes.withBytes { try? JSONParser().parse(UnsafeBufferPointer(rebasing: $0[range])) }
            parsed[name] = value
            return value
        }
    }
}
