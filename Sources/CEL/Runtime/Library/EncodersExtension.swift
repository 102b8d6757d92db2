import FoundationEssentials

/// cel-go `ext.Encoders()`: `base64.encode(bytes) → string`, `base64.decode(string) → bytes`
/// (decoding accepts padded and unpadded standard base64).
public struct EncodersExtension: RuntimeLibrary {
    public init() {}
    public func register(into t: inout FunctionTable) {
        t.register("base64.encode", [Overload("base64_encode_bytes", [.bytes]) { a in
            .string(Data(a[0].asBytes).base64EncodedString())
        }])
        t.register("base64.decode", [Overload("base64_decode_string", [.string]) { a in
            var s = a[0].asString
            if let d = Data(base64Encoded: s) { return .bytes(Array(d)) }
            if s.utf8.count % 4 != 0 { s += String(repeating: "=", count: 4 - s.utf8.count % 4) }
            guard !a[0].asString.hasSuffix("="), let d = Data(base64Encoded: s) else {
                throw EvalError("illegal base64 data in \(StringQuoting.quote(a[0].asString))")
            }
            return .bytes(Array(d))
        }])
    }
}
