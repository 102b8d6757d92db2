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

extension ScalarStyle {
    /// Three bits, for `YAMLScalar`'s packed storage.
    fileprivate var code: UInt8 {
        switch self {
        case .plain: 0
        case .singleQuoted: 1
        case .doubleQuoted: 2
        case .literal: 3
        case .folded: 4
        }
    }
    fileprivate init(code: UInt8) {
        switch code {
        case 1: self = .singleQuoted
        case 2: self = .doubleQuoted
        case 3: self = .literal
        case 4: self = .folded
        default: self = .plain
        }
    }
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
    public var value: String {
        get {
            switch storage {
            case .inline(let value, _, _, _): value
            case .rare(let rare): rare.value
            }
        }
        set { update { $0.value = newValue } }
    }
    /// The whole token, quotes and block indicators included.
    public var range: TextRange {
        get {
            switch storage {
            case .inline(_, let start, let lengthLow, let styleAndLengthHigh):
                TextRange(start: Int(start), end: Int(start) + (Int(lengthLow) | Int(styleAndLengthHigh >> 3) << 16))
            case .rare(let rare): rare.range
            }
        }
        set { update { $0.range = newValue } }
    }
    public var style: ScalarStyle {
        get {
            switch storage {
            case .inline(_, _, _, let styleAndLengthHigh): ScalarStyle(code: styleAndLengthHigh & 0b111)
            case .rare(let rare): rare.style
            }
        }
        set { update { $0.style = newValue } }
    }
    public var tag: String? {
        get { if case .rare(let rare) = storage { rare.tag } else { nil } }
        set { update { $0.tag = newValue } }
    }
    public var anchor: String? {
        get { if case .rare(let rare) = storage { rare.anchor } else { nil } }
        set { update { $0.anchor = newValue } }
    }
    /// Maps UTF-8 offsets inside `value` back to file offsets.
    public var sourceMap: ScalarSourceMap {
        get {
            switch storage {
            case .inline(let value, let start, _, let styleAndLengthHigh):
                Self.verbatimMap(value: value, style: ScalarStyle(code: styleAndLengthHigh & 0b111), start: Int(start))
            case .rare(let rare): rare.sourceMap
            }
        }
        set { update { $0.sourceMap = newValue } }
    }

    public init(value: String, style: ScalarStyle, range: TextRange, tag: String? = nil,
                anchor: String? = nil, sourceMap: ScalarSourceMap) {
        storage = Self.storage(Fields(value: value, style: style, range: range, tag: tag, anchor: anchor, sourceMap: sourceMap))
    }

    /// A scalar without tag or anchor whose value is its source text right after the
    /// opening quote (the map `verbatimMap` derives): the parser's common case, without
    /// building the map to compare it.
    init(verbatimValue value: String, style: ScalarStyle, range: TextRange) {
        storage = Self.inline(value, style, range) ?? .rare(Fields(
            value: value, style: style, range: range, tag: nil, anchor: nil,
            sourceMap: Self.verbatimMap(value: value, style: style, start: range.start)))
    }

    /// The same scalar moved by `delta` bytes (its range and its map).
    public func shifted(by delta: Int) -> YAMLScalar {
        if case .inline(let value, _, _, _) = storage, let moved = Self.inline(value, style, range.shifted(by: delta)) {
            return YAMLScalar(storage: moved)
        }
        var s = self
        s.update { $0.range = $0.range.shifted(by: delta); $0.sourceMap = $0.sourceMap.shifted(by: delta) }
        return s
    }

    // Scalars are stored inline in their parent's arrays (only aliases are boxed), so the
    // scalar's size decides the tree's memory: 24 bytes, which keeps a `YAMLNode` (its case
    // in the spare values of this enum's tag) at 24. The common scalar (no tag, no anchor,
    // the map of a value copied verbatim from between its quotes, a range starting below
    // 4 GiB and shorter than 2 MiB) is the value, a 32-bit start, a 16-bit length and a
    // byte holding the style (low 3 bits) and the length's bits 16–20; its map is derived
    // (`verbatimMap`). Any other scalar is boxed whole.
    private enum Storage: Sendable {
        case inline(String, start: UInt32, lengthLow: UInt16, styleAndLengthHigh: UInt8)
        indirect case rare(Fields)
    }
    private var storage: Storage

    /// Every field, stored plainly: a boxed scalar, and the scalar being changed.
    private struct Fields: Sendable {
        var value: String
        var style: ScalarStyle
        var range: TextRange
        var tag: String?
        var anchor: String?
        var sourceMap: ScalarSourceMap
    }

    private init(storage: Storage) { self.storage = storage }

    /// What `PackedScalars` keeps of a scalar: its style, its start and its value.
    struct Packed {
        var value: String
        var style: ScalarStyle
        var start: Int
    }

    /// The scalar as `PackedScalars` keeps it; nil when it is more than that (a tag, an
    /// anchor, a block style, a value that is not its source text or is long).
    var packed: Packed? {
        guard case .inline(let value, let start, _, let styleAndLengthHigh) = storage else { return nil }
        let style = ScalarStyle(code: styleAndLengthHigh & 0b111)
        let quotes = style == .plain ? 0 : 2
        guard style == .plain || style == .singleQuoted || style == .doubleQuoted,
              value.utf8.count <= PackedScalars.maxValueBytes, range.length == value.utf8.count + quotes else { return nil }
        return Packed(value: value, style: style, start: Int(start))
    }

    private static let maxInlineLength = 1 << 21 - 1

    /// The inline storage of a common scalar (nil when the range does not fit).
    private static func inline(_ value: String, _ style: ScalarStyle, _ range: TextRange) -> Storage? {
        let length = range.length
        guard let start = UInt32(exactly: range.start), length >= 0, length <= maxInlineLength else { return nil }
        return .inline(value, start: start, lengthLow: UInt16(truncatingIfNeeded: length),
                       styleAndLengthHigh: style.code | UInt8(length >> 16) << 3)
    }

    /// Inline when the fields allow it, boxed otherwise.
    private static func storage(_ f: Fields) -> Storage {
        if f.tag == nil, f.anchor == nil, let inline = inline(f.value, f.style, f.range),
           f.sourceMap == verbatimMap(value: f.value, style: f.style, start: f.range.start) {
            return inline
        }
        return .rare(f)
    }

    /// The map of a value that is its source text, right after the opening quote.
    private static func verbatimMap(value: String, style: ScalarStyle, start: Int) -> ScalarSourceMap {
        let quote = style == .singleQuoted || style == .doubleQuoted ? 1 : 0
        return .verbatim(start: start + quote, length: value.utf8.count)
    }

    private var fields: Fields {
        switch storage {
        case .inline(let value, _, _, _):
            Fields(value: value, style: style, range: range, tag: nil, anchor: nil, sourceMap: sourceMap)
        case .rare(let fields): fields
        }
    }

    /// Changes fields, the others (the map too) staying as they were.
    private mutating func update(_ change: (inout Fields) -> Void) {
        var f = fields
        change(&f)
        storage = Self.storage(f)
    }

    public static func == (a: YAMLScalar, b: YAMLScalar) -> Bool {
        a.value == b.value && a.style == b.style && a.range == b.range
            && a.tag == b.tag && a.anchor == b.anchor && a.sourceMap == b.sourceMap
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value); hasher.combine(style); hasher.combine(range)
        hasher.combine(tag); hasher.combine(anchor); hasher.combine(sourceMap)
    }
}

/// A collection's range and its rarely present tag and anchor: the range as two 32-bit
/// offsets inline; a tag, an anchor or a range past 4 GiB boxes them all. Nine bytes, so
/// that a `YAMLMapping` or `YAMLSequence` (its array, this, its style) stays under the 24
/// bytes of a `YAMLNode`.
struct CollectionHeader: Sendable, Hashable {
    private struct Rare: Sendable, Hashable {
        var range: TextRange, tag: String?, anchor: String?
    }
    private enum Storage: Sendable {
        case inline(start: UInt32, end: UInt32)
        indirect case rare(Rare)
    }
    private var storage: Storage

    init(range: TextRange, tag: String?, anchor: String?) {
        storage = Self.storage(Rare(range: range, tag: tag, anchor: anchor))
    }
    private static func storage(_ rare: Rare) -> Storage {
        if rare.tag == nil, rare.anchor == nil,
           let start = UInt32(exactly: rare.range.start), let end = UInt32(exactly: rare.range.end) {
            return .inline(start: start, end: end)
        }
        return .rare(rare)
    }
    private var all: Rare {
        switch storage {
        case .inline(let start, let end): Rare(range: TextRange(start: Int(start), end: Int(end)), tag: nil, anchor: nil)
        case .rare(let rare): rare
        }
    }
    private mutating func update(_ change: (inout Rare) -> Void) {
        var rare = all
        change(&rare)
        storage = Self.storage(rare)
    }
    var range: TextRange {
        get {
            switch storage {
            case .inline(let start, let end): TextRange(start: Int(start), end: Int(end))
            case .rare(let rare): rare.range
            }
        }
        set { update { $0.range = newValue } }
    }
    var tag: String? {
        get { if case .rare(let rare) = storage { rare.tag } else { nil } }
        set { update { $0.tag = newValue } }
    }
    var anchor: String? {
        get { if case .rare(let rare) = storage { rare.anchor } else { nil } }
        set { update { $0.anchor = newValue } }
    }
    static func == (a: CollectionHeader, b: CollectionHeader) -> Bool { a.all == b.all }
    func hash(into hasher: inout Hasher) { hasher.combine(all) }
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

    /// Most scalars are one verbatim run (the value is its source text): that map is kept
    /// inline, without an array; any other is packed (PackedSourceSegments.swift). Canonical:
    /// a one-run map is always `.run` and packing is canonical, so the synthesized equality
    /// compares maps by their segments.
    private enum Storage: Sendable, Hashable {
        case run(start: UInt32, length: UInt32)
        case packed(PackedSourceSegments)
    }
    private var storage: Storage

    public init(segments: [Segment]) {
        var builder = PackedSourceSegments.Builder()
        for segment in segments { builder.append(segment) }
        self.init(finishing: &builder)
    }

    /// The map of the segments `builder` holds (the builder is spent).
    init(finishing builder: inout PackedSourceSegments.Builder) {
        if builder.count == 1, let s = builder.pending, s.valueOffset == 0, s.valueLength == s.sourceLength,
           let start = UInt32(exactly: s.sourceOffset), let length = UInt32(exactly: s.valueLength) {
            storage = .run(start: start, length: length)
        } else {
            storage = .packed(builder.finish())
        }
    }

    /// A map of `length` decoded bytes copied verbatim from the file at `start`.
    public static func verbatim(start: Int, length: Int) -> ScalarSourceMap {
        // What `init(segments:)` makes of this one run, without the builder on the way.
        if let start = UInt32(exactly: start), let length = UInt32(exactly: length) {
            return ScalarSourceMap(storage: .run(start: start, length: length))
        }
        return ScalarSourceMap(segments: [Segment(valueOffset: 0, sourceOffset: start, valueLength: length, sourceLength: length)])
    }

    private init(storage: Storage) { self.storage = storage }

    public var segments: [Segment] {
        switch storage {
        case .run(let start, let length):
            [Segment(valueOffset: 0, sourceOffset: Int(start), valueLength: Int(length), sourceLength: Int(length))]
        case .packed(let packed): Array(packed)
        }
    }

    /// `segments.count`, without building the array.
    public var segmentCount: Int {
        switch storage {
        case .run: 1
        case .packed(let packed): packed.count
        }
    }

    /// `segments[i]`, without building the array.
    func segment(_ i: Int) -> Segment {
        switch storage {
        case .run(let start, let length):
            Segment(valueOffset: 0, sourceOffset: Int(start), valueLength: Int(length), sourceLength: Int(length))
        case .packed(let packed): packed.segment(i)
        }
    }

    /// The last segment, without building the array (nil when there is none).
    var lastSegment: Segment? {
        switch storage {
        case .run: segment(0)
        case .packed(let packed): packed.count > 0 ? packed.last : nil
        }
    }

    /// The last segment starting at or before value offset `offset` (the first when none
    /// does; nil when there is none).
    func lastSegment(startingAtOrBefore offset: Int) -> Segment? {
        switch storage {
        case .run: segment(0)
        case .packed(let packed): packed.count > 0 ? packed.lastSegment(startingAtOrBefore: offset) : nil
        }
    }

    /// Calls `body` with each segment in order (without building the array) until it
    /// returns false.
    func forEachSegment(_ body: (Segment) -> Bool) {
        switch storage {
        case .run: _ = body(segment(0))
        case .packed(let packed):
            for segment in packed where !body(segment) { return }
        }
    }

    /// The map moved by `delta` bytes.
    public func shifted(by delta: Int) -> ScalarSourceMap {
        switch storage {
        case .run(let start, let length):
            if let moved = UInt32(exactly: Int(start) + delta) { return ScalarSourceMap(storage: .run(start: moved, length: length)) }
            return ScalarSourceMap(segments: segments.map { var s = $0; s.sourceOffset += delta; return s })
        case .packed(let packed):
            return ScalarSourceMap(storage: .packed(packed.shifted(by: delta)))
        }
    }
}

public struct YAMLMappingEntry: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode
    public init(key: YAMLNode, value: YAMLNode) { self.key = key; self.value = value }
}

public struct YAMLMapping: Sendable, Hashable {
    public var entries: YAMLEntries {
        didSet { entriesAreKnownEffective = false }
    }
    public var range: TextRange { get { header.range } set { header.range = newValue } }
    private var header: CollectionHeader
    public var style: CollectionStyle
    /// Set by the parser when `entries` are what kubectl sees (no merge key, no collection
    /// key, no key twice), so `effectiveEntries` returns them without looking again; any
    /// change to `entries` clears it. A cache, so not part of equality.
    var entriesAreKnownEffective: Bool {
        get { flags & Self.knownEffective != 0 }
        set { flags = newValue ? flags | Self.knownEffective : flags & ~Self.knownEffective }
    }
    /// Set on the placeholder of a `spec.resources` object item the parser dropped (the
    /// list is over `YAMLLimits.resourceList`'s limit, see ResourceItemPruning.swift): no
    /// entries, the item's range, style and tag. Part of equality: a dropped item is not `{}`.
    public internal(set) var isDroppedItem: Bool {
        get { flags & Self.dropped != 0 }
        set { flags = newValue ? flags | Self.dropped : flags & ~Self.dropped }
    }
    /// Both marks in one stored byte: with a stored field more, the optimizer no longer
    /// passed a mapping to `entry(forKey:)` field by field (+4 M instructions of copies on
    /// `--check` of the 1,000-resource bench).
    private var flags: UInt8 = 0
    private static let knownEffective: UInt8 = 1, dropped: UInt8 = 2
    public var tag: String? { get { header.tag } set { header.tag = newValue } }
    public var anchor: String? { get { header.anchor } set { header.anchor = newValue } }
    public init(entries: YAMLEntries, style: CollectionStyle, range: TextRange,
                tag: String? = nil, anchor: String? = nil) {
        self.entries = entries; self.style = style
        self.header = CollectionHeader(range: range, tag: tag, anchor: anchor)
    }

    public static func == (a: YAMLMapping, b: YAMLMapping) -> Bool {
        a.entries == b.entries && a.header == b.header && a.style == b.style && a.isDroppedItem == b.isDroppedItem
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries); hasher.combine(header); hasher.combine(style); hasher.combine(isDroppedItem)
    }
}

public struct YAMLSequence: Sendable, Hashable {
    public var items: YAMLItems
    public var range: TextRange { get { header.range } set { header.range = newValue } }
    private var header: CollectionHeader
    public var style: CollectionStyle
    public var tag: String? { get { header.tag } set { header.tag = newValue } }
    public var anchor: String? { get { header.anchor } set { header.anchor = newValue } }
    public init(items: YAMLItems, style: CollectionStyle, range: TextRange,
                tag: String? = nil, anchor: String? = nil) {
        self.items = items; self.style = style
        self.header = CollectionHeader(range: range, tag: tag, anchor: anchor)
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

/// A node is stored inline (24 bytes: the largest payload, a scalar, is 24, and the case
/// goes in the unused values of the scalar's own tag byte) in its parent's `entries` or
/// `items`; only an alias, which holds a node, is boxed.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)
    indirect case alias(YAMLAlias)
}
