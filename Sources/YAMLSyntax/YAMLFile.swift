public enum YAMLErrorKind: Sendable, Hashable {
    /// libyaml rejected the text (or an alias names an unknown anchor).
    case syntax
    /// A resource limit was hit (depth, alias expansion, document size).
    case limit
    /// Invalid UTF-8 or a character YAML forbids (NUL and other control characters).
    case encoding
}

/// A parse error with the exact byte range it points at.
public struct YAMLError: Sendable, Hashable, Error, CustomStringConvertible {
    /// Readable text: libyaml's problem, then its context (e.g. "mapping values are not
    /// allowed in this context").
    public var message: String
    public var range: TextRange
    public var kind: YAMLErrorKind
    /// Where the construct the error is about started (libyaml's context mark: the `{` of
    /// an unclosed flow mapping, the opening quote, the first key of a block mapping).
    public var contextRange: TextRange?
    public init(message: String, range: TextRange, kind: YAMLErrorKind, contextRange: TextRange? = nil) {
        self.message = message; self.range = range; self.kind = kind; self.contextRange = contextRange
    }
    public var description: String { "\(range): \(message)" }
    public func shifted(by delta: Int) -> YAMLError {
        YAMLError(message: message, range: range.shifted(by: delta), kind: kind,
                  contextRange: contextRange?.shifted(by: delta))
    }
}

/// A mapping key that appears twice in the same mapping (kubectl keeps the last value).
public struct DuplicateKey: Sendable, Hashable {
    /// The key as kubectl stringifies it.
    public var key: String
    /// The earlier occurrence of the key.
    public var first: TextRange
    /// The later occurrence (the one that wins).
    public var duplicate: TextRange
    public init(key: String, first: TextRange, duplicate: TextRange) {
        self.key = key; self.first = first; self.duplicate = duplicate
    }
    public func shifted(by delta: Int) -> DuplicateKey {
        DuplicateKey(key: key, first: first.shifted(by: delta), duplicate: duplicate.shifted(by: delta))
    }
}

extension [DuplicateKey] {
    /// The first `limit` by position (of the later occurrence), in that order.
    func firstByPosition(_ limit: Int) -> [DuplicateKey] {
        let sorted = zip(self, dropFirst()).allSatisfy({ $0.duplicate.start < $1.duplicate.start })
            ? self : self.sorted { $0.duplicate.start < $1.duplicate.start }
        return count > limit ? Array(sorted.prefix(limit)) : sorted
    }
}

/// One `---` document of a stream. When the document has errors, `root` holds what was
/// parsed before the first error (open collections closed at the error), or nil.
public struct YAMLDocument: Sendable, Hashable {
    public var root: YAMLNode?
    /// From the document's first byte (its `---` when present) to its end.
    public var range: TextRange
    public var errors: [YAMLError]
    /// In order of position (of the later occurrence), at most `YAMLLimits.maxDuplicateKeys`.
    public var duplicateKeys: [DuplicateKey]
    /// How many `spec.resources` object items the tree holds as placeholders
    /// (`YAMLMapping.isDroppedItem`; `YAMLLimits.resourceList`).
    public internal(set) var droppedItems = 0
    /// The nodes its text builds (scalars, collections and aliases, each once; the items
    /// later dropped included): what `YAMLLimits.maxNodes` bounds.
    public internal(set) var nodeCount = 0
    public init(root: YAMLNode?, range: TextRange, errors: [YAMLError] = [], duplicateKeys: [DuplicateKey] = []) {
        self.root = root; self.range = range; self.errors = errors; self.duplicateKeys = duplicateKeys
    }

    /// The same document moved by `delta` bytes (for splicing a re-parsed document back).
    public func shifted(by delta: Int) -> YAMLDocument {
        var moved = YAMLDocument(root: root?.shifted(by: delta), range: range.shifted(by: delta),
                                 errors: errors.map { $0.shifted(by: delta) },
                                 duplicateKeys: duplicateKeys.map { $0.shifted(by: delta) })
        (moved.droppedItems, moved.nodeCount) = (droppedItems, nodeCount)
        return moved
    }
}

/// A parsed file: every document plus all errors (documents' and stream-level ones).
public struct YAMLFile: Sendable {
    public var source: SourceText
    public var documents: [YAMLDocument]
    public var errors: [YAMLError]
    public init(source: SourceText, documents: [YAMLDocument], errors: [YAMLError]) {
        self.source = source; self.documents = documents; self.errors = errors
    }
}

/// Resource limits against hostile input.
public struct YAMLLimits: Sendable, Hashable {
    /// Maximum nesting of collections.
    public var maxDepth: Int
    /// Maximum number of nodes a document may reach through aliases (counting every node
    /// an alias stands for, recursively): stops "billion laughs".
    public var maxAliasExpansion: Int
    /// Maximum size in bytes of one document.
    public var maxDocumentSize: Int
    /// Maximum number of documents in a file: each costs a few hundred bytes however short,
    /// and a file of a million `---` lines took 377 MB. The parts of the stream after it are
    /// not read (`YAMLParser.documentRanges(in:limit:)`).
    public var maxDocuments: Int
    /// Over this many object items, a kro RGD's `spec.resources` keeps no tree for the object
    /// items past the first one over the limit (ResourceItemPruning.swift); nil keeps all.
    public var resourceList: ResourceListLimit?
    /// Duplicate keys a file lists, at most, all its documents together: the first ones by
    /// position (`DuplicateKeyRoom`). A 10 MB flow mapping of one key repeated has 1.7
    /// million of them.
    public var maxDuplicateKeys: Int
    /// Maximum number of nodes one file builds, all its documents together
    /// (`YAMLDocument.nodeCount`, `NodeRoom`; four documents of 7.9 million held 823 MB). A node costs
    /// about 26 bytes of tree and 280 ns of parsing however short its text: a 60 MB flow
    /// sequence of one-letter items built 31 million, 800 MB, in 8.6 s (1.6 GB in the server
    /// while an edit was parsed). An RGD the API server can store has fewer than 1.6 million
    /// (etcd's 1.5 MiB, at least one byte of JSON each).
    public var maxNodes: Int
    /// The nodes the file's documents before this one built (`NodeRoom`).
    var nodesBuiltBefore = 0
    /// A parallel parse's count of the nodes all its jobs built (nil in any other parse).
    var liveNodes: LiveNodes?
    /// A sequence whose first this many items are scalars that are their own source text
    /// keeps its scalars packed (`YAMLItems`, PackedScalars.swift): shorter lists, most of
    /// them, stay arrays of nodes. Tests and the fuzzer lower it to pack small lists too.
    public var packScalarListsFrom = 256
    /// From this length on, a scalar's value the tree builder can read from the source (as
    /// written, or decoded the way libyaml decoded it) is built after libyaml's copy is
    /// freed (TreeBuilder.scalar), so the two are never alive together. Tests and the fuzzer
    /// lower it to take that path on short values too.
    public var rebuildValuesFrom = 64 << 10
    /// Whether the tree builder drops items as they close (else only the finished tree is
    /// pruned): off for the rare document where that guess proved wrong.
    var dropsItemsEarly = true
    public init(maxDepth: Int = 512, maxAliasExpansion: Int = 100_000, maxDocumentSize: Int = 64 << 20,
                maxDocuments: Int = 10_000, maxDuplicateKeys: Int = 10_001, maxNodes: Int = 8_000_000,
                resourceList: ResourceListLimit? = nil) {
        self.maxDepth = maxDepth; self.maxAliasExpansion = maxAliasExpansion; self.maxDocumentSize = maxDocumentSize
        self.maxDocuments = maxDocuments; self.maxDuplicateKeys = max(0, maxDuplicateKeys); self.maxNodes = maxNodes
        self.resourceList = resourceList
    }

    /// The error where the first document over `maxDocuments` begins (on its `---`).
    func tooManyDocuments(at start: Int, in source: SourceText) -> YAMLError {
        let marker = YAMLParser.isDocumentStartLine(source.bytes, start) ? 3 : 0
        return YAMLError(message: "the file has more than \(maxDocuments) YAML documents, over kro-lsp's limit; "
                            + "the documents from here on are not read",
                         range: TextRange(start: start, end: start + marker), kind: .limit)
    }
    public static let `default` = YAMLLimits()
}
