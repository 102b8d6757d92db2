import KroEngine
import YAMLSyntax

/// Rename of resource ids and schema fields: the definition and every use, in templates,
/// string templates, includeWhen, readyWhen, forEach and status. Refuses reserved words,
/// invalid names and names already taken.
public enum Rename {
    public struct Edit: Sendable, Hashable {
        public var range: TextRange
        public var newText: String
    }

    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case notRenamable
        case invalidName(String)
        case reserved(String)
        case taken(String)
        case tooLong(Int)

        public var description: String {
            switch self {
            case .tooLong(let bytes): "a name of \(bytes) bytes is over kro-lsp's limit of \(Rename.maxNameLength) bytes"
            case .notRenamable: "only resource ids and schema fields can be renamed"
            case .invalidName(let n): "\"\(n)\" is not a valid name here"
            case .reserved(let n): "\"\(n)\" is a reserved word"
            case .taken(let n): "\"\(n)\" is already taken"
            }
        }
    }

    /// The range of the name at the cursor and the name itself.
    public static func prepare(_ snapshot: DocumentSnapshot, at offset: Int) -> Result<(range: TextRange, name: String), Refusal> {
        let at = snapshot.lookup(at: offset)
        guard let occurrence = at.occurrence, let symbol = at.symbol, symbol.definition != nil,
              symbol.kind == .resource || symbol.kind == .schemaField else { return .failure(.notRenamable) }
        return .success((occurrence.range, symbol.name))
    }

    /// Longer new names (in UTF-8 bytes) are refused: the answer holds the name once per use, and a
    /// 1 MB name over 1,000 uses made a 1 GB answer.
    public static let maxNameLength = 256

    public static func edits(_ snapshot: DocumentSnapshot, at offset: Int, newName: String) -> Result<[Edit], Refusal> {
        guard newName.utf8.count <= maxNameLength else { return .failure(.tooLong(newName.utf8.count)) }
        let at = snapshot.lookup(at: offset)
        guard let rgd = at.rgd, let symbol = at.symbol, let definition = symbol.definition,
              symbol.kind == .resource || symbol.kind == .schemaField else { return .failure(.notRenamable) }
        if newName == symbol.name { return .success([]) }
        switch symbol.kind {
        case .resource:
            if NamingRules.isReserved(newName) { return .failure(.reserved(newName)) }
            guard NamingRules.isLowerCamel(newName) else { return .failure(.invalidName(newName)) }
            let taken = Set(rgd.rgd.resourceIDs + rgd.rgd.resources.flatMap { $0.forEach.map(\.name.value) })
            if taken.contains(newName) { return .failure(.taken(newName)) }
        default:
            guard isFieldName(newName) else { return .failure(.invalidName(newName)) }
            if NamingRules.celReserved.contains(newName) { return .failure(.reserved(newName)) }
            let parent = symbol.id.qualifiedName.split(separator: ".").dropLast().joined(separator: ".")
            if rgd.symbols[SymbolID(kind: .schemaField, qualifiedName: parent + "." + newName)] != nil {
                return .failure(.taken(newName))
            }
        }
        let ranges = [definition] + symbol.uses.map(\.range)
        return .success(ranges.sorted { $0.start < $1.start }.map { Edit(range: $0, newText: newName) })
    }

    /// A field name CEL can select (`[A-Za-z_][A-Za-z0-9_]*`).
    static func isFieldName(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, !CELText.isDigit(first) else { return false }
        return b.allSatisfy(CELText.isIdentifier)
    }
}
