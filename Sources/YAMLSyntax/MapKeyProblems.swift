// Mapping keys kubectl's YAML→JSON conversion refuses: sigs.k8s.io/yaml names JSON fields
// only after string, int, float and bool keys (a null or a number past Int64 has no
// name), and go-yaml v2 refuses a mapping or a sequence as a key. Either fails the whole
// document.

extension YAMLNode {
    /// Why kubectl fails at this node as a mapping key; nil for nearly every key.
    var mapKeyProblem: String? {
        switch self {
        case .scalar(let s): return s.mapKeyProblem
        case .mapping: return Self.collectionKeyProblem("mapping")
        case .sequence: return Self.collectionKeyProblem("sequence")
        case .alias:
            // Its target (never an alias); an unknown anchor is an error already.
            return resolvedNode?.mapKeyProblem
        }
    }

    private static func collectionKeyProblem(_ what: String) -> String {
        "invalid map key: a \(what); kubectl names JSON fields only after strings, numbers and booleans"
    }
}

extension YAMLScalar {
    var mapKeyProblem: String? {
        // Only a scalar that can resolve to null or to a number is looked at closer.
        if tag == nil {
            guard style == .plain else { return nil }
            if let first = value.utf8.first, !Self.mayBeNullOrNumber(first) { return nil }
        }
        switch goValue {
        case .null:
            return "unsupported map key of type: <nil>; kubectl names JSON fields only after strings, numbers and booleans (quote the key to make it a string)"
        case .uint(let u):
            return "unsupported map key of type: uint64, key: \(u); kubectl names JSON fields only after strings, numbers up to \(Int64.max) and booleans (quote the key to make it a string)"
        default:
            return nil
        }
    }

    static func mayBeNullOrNumber(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }
}
