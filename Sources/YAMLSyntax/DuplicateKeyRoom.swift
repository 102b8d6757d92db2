/// The duplicate keys a file lists, all its documents together (`YAMLLimits.maxDuplicateKeys`):
/// each document lists its first ones by position, and the documents, in order, keep what
/// is left of the file's. 9,000 documents of 1,100 repeated keys each (59 MB) held
/// 885 MB of them, the per-document limit never reached.
struct DuplicateKeyRoom {
    private(set) var left: Int

    init(_ limits: YAMLLimits) { left = limits.maxDuplicateKeys }

    /// Cuts the next document's list to what is left.
    mutating func take(_ document: inout YAMLDocument) {
        if document.duplicateKeys.count > left { document.duplicateKeys = Array(document.duplicateKeys.prefix(left)) }
        left -= document.duplicateKeys.count
    }

    mutating func take(_ documents: inout [YAMLDocument]) {
        for i in documents.indices { take(&documents[i]) }
    }

    /// Whether a file's documents list fewer than the limit: then none was left out, and
    /// an edit may re-parse one document alone.
    static func noneLeftOut(_ documents: [YAMLDocument], limits: YAMLLimits) -> Bool {
        documents.reduce(0) { $0 + $1.duplicateKeys.count } < limits.maxDuplicateKeys
    }
}
