/// The position-exact YAML syntax tree. Every node keeps the UTF-8 byte range it was
/// parsed from (offsets into `SourceText.bytes`), so any later stage can point back at
/// the exact characters an author wrote.

/// A half-open range of UTF-8 byte offsets into a file.
public struct TextRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start }
    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
    /// True when `offset` lies inside the range or right at its end (cursor positions).
    public func touches(_ offset: Int) -> Bool { offset >= start && offset <= end }
    public func shifted(by delta: Int) -> TextRange { TextRange(start: start + delta, end: end + delta) }
    public static func < (a: TextRange, b: TextRange) -> Bool { (a.start, a.end) < (b.start, b.end) }
    public var description: String { "\(start)..<\(end)" }
}

public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

public enum CollectionStyle: Sendable, Hashable {
    case block, flow
}

/// A scalar's value after kubectl's YAML→JSON conversion (rgd.md §1).
public enum ResolvedScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number that is not an int64 integer (fraction, exponent, out of range, inf/nan).
    case float(Double)
    case string(String)
}

public struct YAMLScalar: Sendable, Hashable {
    /// The decoded value (escapes processed, folding and chomping applied).
    public var value: String
    public var style: ScalarStyle
    /// The whole token, quotes and block indicators included.
    public var range: TextRange
    public var tag: String?
    public var anchor: String?
    /// Maps UTF-8 offsets inside `value` back to file offsets.
    public var sourceMap: ScalarSourceMap
    public init(value: String, style: ScalarStyle, range: TextRange, tag: String? = nil,
                anchor: String? = nil, sourceMap: ScalarSourceMap) {
        self.value = value; self.style = style; self.range = range; self.tag = tag
        self.anchor = anchor; self.sourceMap = sourceMap
    }
}

/// Piecewise map from offsets in a scalar's decoded value to offsets in the file.
/// Each segment maps a run of decoded bytes that were copied verbatim from the source;
/// escapes and folded line breaks start new segments.
public struct ScalarSourceMap: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        /// Offset of the run in the decoded value.
        public var valueOffset: Int
        /// Offset of the run's first byte in the file.
        public var sourceOffset: Int
        /// Length of the run in the decoded value.
        public var valueLength: Int
        /// Length of the run in the file (differs from `valueLength` for escapes).
        public var sourceLength: Int
        public init(valueOffset: Int, sourceOffset: Int, valueLength: Int, sourceLength: Int) {
            self.valueOffset = valueOffset; self.sourceOffset = sourceOffset
            self.valueLength = valueLength; self.sourceLength = sourceLength
        }
    }
    public var segments: [Segment]
    public init(segments: [Segment]) { self.segments = segments }
}

public struct YAMLMappingEntry: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode
    public init(key: YAMLNode, value: YAMLNode) { self.key = key; self.value = value }
}

public struct YAMLMapping: Sendable, Hashable {
    public var entries: [YAMLMappingEntry]
    public var style: CollectionStyle
    public var range: TextRange
    public var tag: String?
    public var anchor: String?
    public init(entries: [YAMLMappingEntry], style: CollectionStyle, range: TextRange,
                tag: String? = nil, anchor: String? = nil) {
        self.entries = entries; self.style = style; self.range = range; self.tag = tag; self.anchor = anchor
    }
}

public struct YAMLSequence: Sendable, Hashable {
    public var items: [YAMLNode]
    public var style: CollectionStyle
    public var range: TextRange
    public var tag: String?
    public var anchor: String?
    public init(items: [YAMLNode], style: CollectionStyle, range: TextRange,
                tag: String? = nil, anchor: String? = nil) {
        self.items = items; self.style = style; self.range = range; self.tag = tag; self.anchor = anchor
    }
}

public struct YAMLAlias: Sendable, Hashable {
    public var name: String
    public var range: TextRange
    /// The anchored node this alias stands for (nil when the anchor is unknown).
    public var target: YAMLNode?
    public init(name: String, range: TextRange, target: YAMLNode?) {
        self.name = name; self.range = range; self.target = target
    }
}

public indirect enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)
    case alias(YAMLAlias)
}
