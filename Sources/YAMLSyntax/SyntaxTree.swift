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
        get { storedValue }
        set { keepingSourceMap { $0.storedValue = newValue } }
    }
    /// The whole token, quotes and block indicators included.
    public var range: TextRange {
        get { extras?.wideRange ?? TextRange(start: Int(start32), end: Int(start32) + inlineLength) }
        set { keepingSourceMap { $0.setRange(newValue) } }
    }
    public var style: ScalarStyle {
        get { ScalarStyle(code: styleAndLengthHigh & 0b111) }
        set { keepingSourceMap { $0.styleAndLengthHigh = $0.styleAndLengthHigh & ~0b111 | newValue.code } }
    }
    public var tag: String? {
        get { extras?.tag }
        set { updateExtras { $0.tag = newValue } }
    }
    public var anchor: String? {
        get { extras?.anchor }
        set { updateExtras { $0.anchor = newValue } }
    }
    /// Maps UTF-8 offsets inside `value` back to file offsets.
    public var sourceMap: ScalarSourceMap {
        get { extras?.sourceMap ?? verbatimMap }
        set { updateExtras { [verbatimMap] in $0.sourceMap = newValue == verbatimMap ? nil : newValue } }
    }

    public init(value: String, style: ScalarStyle, range: TextRange, tag: String? = nil,
                anchor: String? = nil, sourceMap: ScalarSourceMap) {
        storedValue = value
        styleAndLengthHigh = style.code
        setRange(range)
        // Most scalars have no tag, no anchor and the verbatim map: then `extras` stays nil.
        if tag != nil || anchor != nil { updateExtras { $0.tag = tag; $0.anchor = anchor } }
        if extras != nil || sourceMap != verbatimMap { self.sourceMap = sourceMap }
    }

    /// A scalar without tag or anchor whose value is its source text right after the
    /// opening quote (the map `verbatimMap` derives): the parser's common case, without
    /// building the map to compare it.
    init(verbatimValue value: String, style: ScalarStyle, range: TextRange) {
        storedValue = value
        styleAndLengthHigh = style.code
        setRange(range)
    }

    // Scalars are stored inline in their parent's arrays (only aliases are boxed), so the
    // scalar's size decides the tree's memory: 31 bytes, which keeps a `YAMLNode` (with its
    // case tag) at 32. The range is a 32-bit start and a 21-bit length (the length's top 5
    // bits share a byte with the style), and the source map of a value copied verbatim
    // from between the token's quotes (nearly every scalar) is not stored: `verbatimMap`
    // derives it. Everything rare (tag, anchor, another map, a range past 4 GiB or longer
    // than 2 MiB) lives in `extras`.
    private var storedValue: String
    private var extras: ScalarExtras?
    private var start32: UInt32 = 0
    private var lengthLow: UInt16 = 0
    /// The style in the low 3 bits, the range length's bits 16–20 above them.
    private var styleAndLengthHigh: UInt8
    private static let maxInlineLength = 1 << 21 - 1

    private var inlineLength: Int { Int(lengthLow) | Int(styleAndLengthHigh >> 3) << 16 }

    /// The map of a value that is its source text, right after the opening quote.
    private var verbatimMap: ScalarSourceMap {
        let quote = style == .singleQuoted || style == .doubleQuoted ? 1 : 0
        return .verbatim(start: range.start + quote, length: storedValue.utf8.count)
    }

    private mutating func setRange(_ range: TextRange) {
        let length = range.length
        if let start = UInt32(exactly: range.start), length >= 0, length <= Self.maxInlineLength {
            start32 = start
            lengthLow = UInt16(truncatingIfNeeded: length)
            styleAndLengthHigh = styleAndLengthHigh & 0b111 | UInt8(length >> 16) << 3
            if extras?.wideRange != nil { updateExtras { $0.wideRange = nil } }
        } else {
            (start32, lengthLow, styleAndLengthHigh) = (0, 0, styleAndLengthHigh & 0b111)
            updateExtras { $0.wideRange = range }
        }
    }

    /// Changes a field the derived map depends on without changing the map.
    private mutating func keepingSourceMap(_ change: (inout YAMLScalar) -> Void) {
        let map = sourceMap
        change(&self)
        sourceMap = map
    }

    private mutating func updateExtras(_ change: (inout ScalarExtras.Fields) -> Void) {
        var fields = extras?.fields ?? ScalarExtras.Fields()
        change(&fields)
        extras = fields.isEmpty ? nil : ScalarExtras(fields)
    }

    public static func == (a: YAMLScalar, b: YAMLScalar) -> Bool {
        a.storedValue == b.storedValue && a.style == b.style && a.range == b.range
            && a.tag == b.tag && a.anchor == b.anchor && a.sourceMap == b.sourceMap
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storedValue); hasher.combine(style); hasher.combine(range)
        hasher.combine(tag); hasher.combine(anchor); hasher.combine(sourceMap)
    }
}

/// The rare parts of a scalar, out of line and immutable (shared between copies).
private final class ScalarExtras: Sendable {
    struct Fields: Sendable {
        var tag: String?
        var anchor: String?
        /// A map that is not the verbatim one (escapes, folding, block scalars).
        var sourceMap: ScalarSourceMap?
        /// A range whose start does not fit 32 bits or whose length does not fit 21.
        var wideRange: TextRange?
        var isEmpty: Bool { tag == nil && anchor == nil && sourceMap == nil && wideRange == nil }
    }
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
    var tag: String? { fields.tag }
    var anchor: String? { fields.anchor }
    var sourceMap: ScalarSourceMap? { fields.sourceMap }
    var wideRange: TextRange? { fields.wideRange }
}

/// A collection's range and its rarely present tag and anchor: the range as two 32-bit
/// offsets, the rest (and a range past 4 GiB) out of line, in a box that is nil when
/// everything fits, so that a `YAMLMapping` or `YAMLSequence` stays under the 31 bytes a
/// 32-byte `YAMLNode` allows.
struct CollectionHeader: Sendable, Hashable {
    private struct Rare: Sendable, Hashable {
        var tag: String?, anchor: String?, wideRange: TextRange?
        var isEmpty: Bool { tag == nil && anchor == nil && wideRange == nil }
    }
    private final class Box: Sendable {
        let rare: Rare
        init(_ rare: Rare) { self.rare = rare }
    }
    private var box: Box?
    private var start32: UInt32 = 0
    private var end32: UInt32 = 0

    init(range: TextRange, tag: String?, anchor: String?) {
        update { $0.tag = tag; $0.anchor = anchor }
        self.range = range
    }
    var range: TextRange {
        get { box?.rare.wideRange ?? TextRange(start: Int(start32), end: Int(end32)) }
        set {
            if let start = UInt32(exactly: newValue.start), let end = UInt32(exactly: newValue.end) {
                (start32, end32) = (start, end)
                if box?.rare.wideRange != nil { update { $0.wideRange = nil } }
            } else {
                (start32, end32) = (0, 0)
                update { $0.wideRange = newValue }
            }
        }
    }
    var tag: String? {
        get { box?.rare.tag }
        set { update { $0.tag = newValue } }
    }
    var anchor: String? {
        get { box?.rare.anchor }
        set { update { $0.anchor = newValue } }
    }
    private mutating func update(_ change: (inout Rare) -> Void) {
        var rare = box?.rare ?? Rare()
        change(&rare)
        box = rare.isEmpty ? nil : Box(rare)
    }
    static func == (a: CollectionHeader, b: CollectionHeader) -> Bool {
        a.range == b.range && a.tag == b.tag && a.anchor == b.anchor
    }
    func hash(into hasher: inout Hasher) { hasher.combine(range); hasher.combine(tag); hasher.combine(anchor) }
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
    public var entries: [YAMLMappingEntry] {
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
    public init(entries: [YAMLMappingEntry], style: CollectionStyle, range: TextRange,
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
    public var items: [YAMLNode]
    public var range: TextRange { get { header.range } set { header.range = newValue } }
    private var header: CollectionHeader
    public var style: CollectionStyle
    public var tag: String? { get { header.tag } set { header.tag = newValue } }
    public var anchor: String? { get { header.anchor } set { header.anchor = newValue } }
    public init(items: [YAMLNode], style: CollectionStyle, range: TextRange,
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

/// A node is stored inline (32 bytes: the largest payload, a scalar, is 31) in its
/// parent's `entries` or `items`; only an alias, which holds a node, is boxed.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)
    indirect case alias(YAMLAlias)
}
