import CEL
import YAMLSyntax

/// Where an expression sits in the RGD, which decides what it may reference (rgd.md §9.1).
public enum ExpressionKind: Sendable, Hashable {
    case template
    case externalRef
    case forEach(iterator: String)
    case includeWhen
    case readyWhen
    case status
    case condition

    /// Kinds whose strings must be exactly one `${…}`.
    public var requiresStandalone: Bool {
        switch self {
        case .template, .externalRef, .status: false
        default: true
        }
    }
}

/// How a string value holds its expressions (rgd.md §8.3).
public enum ExpressionForm: Sendable, Hashable {
    /// The whole value is one `${…}`; the result replaces the field with any type.
    case standalone
    /// Text and expressions concatenated into one CEL string expression.
    case stringTemplate
}

/// Maps offsets in an expression's CEL text back to the file: CEL text pieces come
/// either verbatim from the decoded YAML value or are generated (quotes, `(`, `+`).
///
/// Kept per expression for the snapshot, so stored small: a standalone expression's one
/// verbatim piece as its length (no array: it was ~80 bytes of heap per expression), a string
/// template's pieces in an array of 20-byte pieces, sized exactly by `StringTemplate`
/// (offsets as `UInt32`: a document is at most 64 MiB, its CEL texts far below 4 GiB).
public struct CELTextMap: Sendable, Hashable {
    public struct Piece: Sendable, Hashable {
        private var storedCelStart: UInt32
        private var storedCelLength: UInt32
        private var storedValueStart: UInt32
        private var storedValueLength: UInt32
        /// True when the CEL bytes are the value's bytes one for one.
        public var verbatim: Bool

        public var celStart: Int {
            get { Int(storedCelStart) } set { storedCelStart = UInt32(truncatingIfNeeded: newValue) }
        }
        public var celLength: Int {
            get { Int(storedCelLength) } set { storedCelLength = UInt32(truncatingIfNeeded: newValue) }
        }
        /// Offset in the decoded scalar value of what the piece stands for.
        public var valueStart: Int {
            get { Int(storedValueStart) } set { storedValueStart = UInt32(truncatingIfNeeded: newValue) }
        }
        public var valueLength: Int {
            get { Int(storedValueLength) } set { storedValueLength = UInt32(truncatingIfNeeded: newValue) }
        }

        public init(celStart: Int, celLength: Int, valueStart: Int, valueLength: Int, verbatim: Bool) {
            storedCelStart = UInt32(truncatingIfNeeded: celStart)
            storedCelLength = UInt32(truncatingIfNeeded: celLength)
            storedValueStart = UInt32(truncatingIfNeeded: valueStart)
            storedValueLength = UInt32(truncatingIfNeeded: valueLength)
            self.verbatim = verbatim
        }
    }

    /// The pieces in CEL order: the stored array, or the one inline piece.
    public struct Pieces: RandomAccessCollection, Sendable {
        let stored: [Piece]
        let single: Piece?
        public var startIndex: Int { 0 }
        public var endIndex: Int { single == nil ? stored.count : 1 }
        public subscript(position: Int) -> Piece { single ?? stored[position] }
    }

    /// A string template's pieces; empty for one piece (`singleLength`).
    private let stored: [Piece]
    public var scalarMap: ScalarSourceMap
    /// When `stored` is empty: the length of a standalone expression's one verbatim piece,
    /// the value's bytes from offset 2 (after `${`); `UInt32.max` for no piece at all.
    /// Placed after `scalarMap`, it fills that field's padding: the map is as large inline
    /// as the array it replaced.
    private let singleLength: UInt32

    public init(pieces: [Piece], scalarMap: ScalarSourceMap) {
        if pieces.count == 1, let only = pieces.first, only.verbatim, only.celStart == 0, only.valueStart == 2,
           only.celLength == only.valueLength, only.celLength < Int(UInt32.max) {
            stored = []
            singleLength = UInt32(only.celLength)
        } else {
            // An unterminated `${` (its piece starts elsewhere) keeps its piece in the array.
            stored = pieces
            singleLength = pieces.isEmpty ? .max : 0
        }
        self.scalarMap = scalarMap
    }

    public var pieces: Pieces {
        Pieces(stored: stored, single: stored.isEmpty && singleLength != .max
            ? Piece(celStart: 0, celLength: Int(singleLength), valueStart: 2, valueLength: Int(singleLength),
                    verbatim: true)
            : nil)
    }

    /// The file range of `span` (offsets into the CEL text).
    public func fileRange(_ span: SourceSpan) -> TextRange {
        let start = valueOffset(span.start, isEnd: false)
        let end = span.isEmpty ? start : valueOffset(span.end, isEnd: true)
        return scalarMap.sourceRange(forValueRange: start..<max(start, end))
    }

    /// The decoded-value offset of a CEL offset: exact inside verbatim pieces, the edges
    /// of the literal text a generated piece stands for otherwise.
    private func valueOffset(_ cel: Int, isEnd: Bool) -> Int {
        guard let last = pieces.last else { return 0 }
        if cel >= last.celStart + last.celLength { return last.valueStart + last.valueLength }
        // An end offset belongs to the piece holding the byte before it.
        let piece = (isEnd ? pieces.last { $0.celStart < cel } : pieces.last { $0.celStart <= cel }) ?? pieces[0]
        if piece.verbatim { return piece.valueStart + min(cel - piece.celStart, piece.valueLength) }
        return isEnd ? piece.valueStart + piece.valueLength : piece.valueStart
    }
}

/// One expression of the RGD: a standalone `${…}` or a string template, with its place.
///
/// Kept for every expression of a snapshot (65,000 at 10,000 resources), so its stored
/// fields are laid out small: the fields are ordered so that one-byte ones fill the others'
/// padding, the resource index is 32 bits, and the parsed tree is held by reference and
/// shared by the expressions of one text (`ParsedTree`): 144 bytes instead of 256.
public struct RGDExpression: Sendable {
    public var kind: ExpressionKind
    public var resourceID: String?
    /// `path`, its prefix shared with the other expressions under the same mapping.
    private(set) var sharedPath: SharedPath
    /// `matches`, unless `matchIsImplied`.
    private var storedMatches: [ExpressionMatch]
    /// The CEL text kro compiles: the inner text, or the generated concatenation.
    public var celText: String
    /// The YAML scalar holding the expression(s).
    public var scalar: YAMLScalar
    public var textMap: CELTextMap
    /// `resourceIndex`, `Int32.min` for nil: a resource list is far below 2^31 items.
    private var storedResourceIndex: Int32
    /// Stored with the other one-byte fields, after the 32-bit index.
    public var form: ExpressionForm
    /// True for a `${` that never closes (kro keeps it as literal text): recorded only so
    /// editors can complete and hover inside it while it is typed; no stage reports on it.
    public var isUnterminated = false
    /// True when the one match is the one a standalone expression implies (the whole value,
    /// its text the CEL text), derived instead of stored: the array was 64 bytes of heap per
    /// expression, and most expressions are standalone. The value and the CEL text do not
    /// change once collected (an edit's shift moves the scalar's range only).
    private var matchIsImplied = false
    /// `parsed`, by reference: filled from `ExpressionMemo`, which hands the expressions of
    /// one text the same tree (inline the tree was 88 of the expression's 256 bytes).
    var parsedTree: ParsedTree?
    /// `partial`, out of line: few expressions have one, and inline it was 88 of the
    /// expression's 344 bytes (an empty array allocates nothing).
    var partialStorage: [ParsedExpr] = []
    public var references: [ExpressionReference] = []

    init(kind: ExpressionKind, resourceIndex: Int?, resourceID: String?, path: SharedPath,
         form: ExpressionForm, scalar: YAMLScalar, matches: [ExpressionMatch], celText: String, textMap: CELTextMap) {
        self.kind = kind
        self.resourceID = resourceID
        sharedPath = path
        storedMatches = []
        self.celText = celText
        self.scalar = scalar
        self.form = form
        self.textMap = textMap
        storedResourceIndex = Self.store(resourceIndex)
        self.matches = matches
    }

    /// The field path inside the template / externalRef / status (rgd.md §8.7), or the
    /// list position for includeWhen/readyWhen/forEach/conditions.
    public var path: [SchemaPathSegment] {
        get { sharedPath.segments }
        set { sharedPath = SharedPath(newValue) }
    }

    /// The `${…}` pieces, each with its file range (from `$` to `}`).
    public var matches: [ExpressionMatch] {
        get { matchIsImplied ? [impliedMatch] : storedMatches }
        set {
            matchIsImplied = form == .standalone && newValue.count == 1 && newValue[0] == impliedMatch
            storedMatches = matchIsImplied ? [] : newValue
        }
    }

    private var impliedMatch: ExpressionMatch {
        ExpressionMatch(start: 0, end: scalar.value.utf8.count, text: celText)
    }

    /// Index into `spec.resources` (nil for status and conditions).
    public var resourceIndex: Int? {
        get { storedResourceIndex == .min ? nil : Int(storedResourceIndex) }
        set { storedResourceIndex = Self.store(newValue) }
    }

    private static func store(_ index: Int?) -> Int32 {
        index.map { Int32(truncatingIfNeeded: $0) } ?? .min
    }

    public var pathText: String { TemplateFieldPath.format(path) }
    /// Each `${…}`'s file range (an unterminated one's runs to the end of the value), derived
    /// from `matches` and the scalar's map: stored, it was one more array per expression.
    public var matchRanges: [TextRange] {
        let length = scalar.value.utf8.count
        return matches.map { scalar.sourceMap.sourceRange(forValueRange: $0.start..<min($0.end, length)) }
    }
    /// What messages quote: the inner text of a standalone `${…}`, the string template as
    /// written otherwise (not the concatenation kro generates from it).
    public var authorText: String { form == .standalone ? celText : scalar.value }
    /// Filled by the parse step.
    public var parsed: ParsedExpr? {
        get { parsedTree?.parsed }
        set { parsedTree = newValue.map(ParsedTree.init) }
    }
    /// When the text does not parse: the tolerant parse (`CELParser.parsePartial`) for
    /// editors; type-checked silently, never reported or evaluated.
    public var partial: ParsedExpr? {
        get { partialStorage.first }
        set { partialStorage = newValue.map { [$0] } ?? [] }
    }

    /// The file range of a CEL span of `celText`.
    public func fileRange(_ span: SourceSpan) -> TextRange { textMap.fileRange(span) }

    /// The range to highlight for the whole expression: the inner text of a standalone,
    /// the whole scalar value for a template.
    public var range: TextRange {
        fileRange(SourceSpan(start: 0, end: celText.utf8.count))
    }
}

/// A parsed tree held by reference, so that the expressions of one CEL text (an RGD repeats
/// `schema.spec.name` in most resources) keep one copy of it.
final class ParsedTree: Sendable {
    let parsed: ParsedExpr
    init(_ parsed: ParsedExpr) { self.parsed = parsed }
}

/// An identifier the expression reads (after shadowing), by its place in the CEL text.
///
/// Kept per reference of every expression, so small: the span as `Int32`s (a document is at
/// most 64 MiB), 24 bytes. The file range is the expression's to give
/// (`RGDExpression.fileRange(_:)`): stored, it moved with every edit before the expression,
/// a new array of references for each expression moved.
public struct ExpressionReference: Sendable, Hashable {
    public var name: String
    private var spanStart: Int32
    private var spanEnd: Int32

    public init(name: String, span: SourceSpan) {
        self.name = name
        spanStart = Int32(truncatingIfNeeded: span.start)
        spanEnd = Int32(truncatingIfNeeded: span.end)
    }

    /// Offsets in the CEL text.
    public var span: SourceSpan {
        get { SourceSpan(start: Int(spanStart), end: Int(spanEnd)) }
        set { spanStart = Int32(truncatingIfNeeded: newValue.start); spanEnd = Int32(truncatingIfNeeded: newValue.end) }
    }
}

