extension CELType {
    /// Reads a type written as text: cel-go spellings (`int`, `list(int)`,
    /// `map(string, dyn)`, `optional_type(int)`, `type(int)`, `null_type`,
    /// `google.protobuf.Timestamp`) and the conformance suite's TYPE notation (`int64`,
    /// `uint64`, `param(A)`, `wrapper(int64)`, well-known protobuf names). Other dotted
    /// names are object types; `name(P, …)` is an abstract (opaque) type. Nil when the
    /// text is malformed.
    public init?(parsing text: String) {
        var reader = TypeTextReader(Array(text.utf8))
        guard let type = reader.readType(depth: 0), reader.atEnd else { return nil }
        self = type
    }

    /// Named types without parameters (cel-go names and protobuf well-known names).
    static func named(_ name: String) -> CELType? {
        switch name {
        case "int", "int64", "int32", "sint32", "sint64", "sfixed32", "sfixed64": return .int
        case "uint", "uint64", "uint32", "fixed32", "fixed64": return .uint
        case "double", "float": return .double
        case "bool": return .bool
        case "string": return .string
        case "bytes": return .bytes
        case "null_type", "null", "google.protobuf.NullValue": return .null
        case "dyn", "any", "google.protobuf.Any", "google.protobuf.Value": return .dyn
        case "error", "*error*": return .error
        case "timestamp", "google.protobuf.Timestamp": return .timestamp
        case "duration", "google.protobuf.Duration": return .duration
        case "google.protobuf.Struct": return .map(.string, .dyn)
        case "google.protobuf.ListValue": return .list(.dyn)
        // Wrapper types are modelled as their primitive (nullability is not tracked).
        case "google.protobuf.Int64Value", "google.protobuf.Int32Value": return .int
        case "google.protobuf.UInt64Value", "google.protobuf.UInt32Value": return .uint
        case "google.protobuf.DoubleValue", "google.protobuf.FloatValue": return .double
        case "google.protobuf.BoolValue": return .bool
        case "google.protobuf.StringValue": return .string
        case "google.protobuf.BytesValue": return .bytes
        case "type": return .type(.dyn)
        case "list": return .list(.dyn)
        case "map": return .map(.dyn, .dyn)
        default: return nil
        }
    }
}

private struct TypeTextReader {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { mutating get { skipSpaces(); return index == bytes.count } }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func consume(_ c: Character) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == c.asciiValue else { return false }
        index += 1
        return true
    }

    mutating func readName() -> String? {
        skipSpaces()
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            let ok = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "*") || b == UInt8(ascii: "@")
            guard ok else { break }
            index += 1
        }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    mutating func readType(depth: Int) -> CELType? {
        guard depth < 64, let name = readName() else { return nil }
        guard consume("(") else { return CELType.named(name) ?? .object(name) }
        var params: [CELType] = []
        if !consume(")") {
            repeat {
                guard let p = readType(depth: depth + 1) else { return nil }
                params.append(p)
            } while consume(",")
            guard consume(")") else { return nil }
        }
        switch (name, params.count) {
        case ("list", 1): return .list(params[0])
        case ("map", 2): return .map(params[0], params[1])
        case ("type", 1): return .type(params[0])
        case ("optional_type", 1), ("optional", 1): return .optional(params[0])
        case ("param", 1):
            if case .object(let n) = params[0] { return .typeParam(n) }
            return nil
        case ("wrapper", 1): return params[0]
        default: return .opaque(name, params)
        }
    }
}
