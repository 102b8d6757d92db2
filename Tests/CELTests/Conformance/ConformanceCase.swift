import Foundation
@testable import CEL

/// One conformance vector (see ../shared/cel-conformance/README.md).
struct ConformanceCase: Sendable {
    enum Expected: Sendable {
        case value(Value)
        case error([String])
        case unknown
        /// `check_only` without a value: only the deduced type is compared.
        case checkedOnly
    }
    var file: String
    var section: String
    var name: String
    var expr: String
    var disableMacros: Bool
    var disableCheck: Bool
    var container: String?
    /// The raw `type_env` declarations, for the checker hook.
    var typeEnv: [[String: Any]] { typeEnvJSON.compactMap { $0 as? [String: Any] } }
    nonisolated(unsafe) var typeEnvJSON: [Any]
    var bindings: [String: Value]
    var expected: Expected
    var needs: [String]
    /// `check_only`: type-check and compare `expectedType`, do not evaluate.
    var checkOnly = false
    /// `expected.type`: the type the checker must deduce (TYPE text of the README).
    var expectedType: String?

    var fullName: String { "\(file)/\(section)/\(name)" }
}

/// Why a case or file is skipped (the only two reasons the issue allows).
enum SkipReason: Hashable, CustomStringConvertible {
    /// The case needs protobuf messages or related features (`needs` tag).
    case needs(String)
    /// The file covers an extension kro does not enable.
    case notEnabledByKro(String)

    var description: String {
        switch self {
        case .needs(let tag): return "needs \(tag) (protobuf feature, not supported)"
        case .notEnabledByKro(let file): return "\(file): extension not enabled by kro"
        }
    }

    static let unsupportedNeeds = ["proto", "any", "json_value", "wrappers", "enum"]
}

enum ConformanceLoader {
    /// `KRO_CEL_CONFORMANCE_DIR`, else `../shared/cel-conformance` next to the package root.
    static func directory(filePath: String = #filePath) -> URL {
        if let env = ProcessInfo.processInfo.environment["KRO_CEL_CONFORMANCE_DIR"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { break }
            dir = dir.deletingLastPathComponent()
        }
        return dir.deletingLastPathComponent().appendingPathComponent("shared/cel-conformance")
    }

    struct Loaded {
        var cases: [ConformanceCase] = []
        var skipped: [SkipReason: Int] = [:]
        var decodeFailures: [(String, String)] = []
    }

    static func load(from dir: URL) throws -> Loaded {
        var out = Loaded()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        for file in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(file))
            guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            let fileName = (root["name"] as? String) ?? file
            let enabled = (root["kro_enables"] as? Bool) ?? true
            for section in (root["sections"] as? [[String: Any]]) ?? [] {
                let sectionName = (section["name"] as? String) ?? ""
                for test in (section["tests"] as? [[String: Any]]) ?? [] {
                    let needs = (test["needs"] as? [String]) ?? []
                    if !enabled { out.skipped[.notEnabledByKro(fileName), default: 0] += 1; continue }
                    if let tag = needs.first(where: { SkipReason.unsupportedNeeds.contains($0) }) {
                        out.skipped[.needs(tag), default: 0] += 1; continue
                    }
                    let name = (test["name"] as? String) ?? "?"
                    do {
                        out.cases.append(try decodeCase(test, file: fileName, section: sectionName, name: name, needs: needs))
                    } catch {
                        out.decodeFailures.append(("\(fileName)/\(sectionName)/\(name)", "\(error)"))
                    }
                }
            }
        }
        return out
    }

    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    static func decodeCase(_ t: [String: Any], file: String, section: String, name: String, needs: [String]) throws -> ConformanceCase {
        var bindings: [String: Value] = [:]
        for (k, v) in (t["bindings"] as? [String: Any]) ?? [:] { bindings[k] = try decodeValue(v) }
        let expected: ConformanceCase.Expected
        let e = (t["expected"] as? [String: Any]) ?? ["value": ["bool": true]]
        if let errs = e["error"] { expected = .error((errs as? [String]) ?? []) }
        else if e["unknown"] != nil { expected = .unknown }
        else if let v = e["value"] { expected = .value(try decodeValue(v)) }
        else if e["type"] != nil { expected = .checkedOnly }
        else { throw DecodeError(description: "no expected value") }
        let checkOnly = (t["check_only"] as? Bool) ?? false
        if case .checkedOnly = expected, !checkOnly { throw DecodeError(description: "a type without a value needs check_only") }
        return ConformanceCase(
            file: file, section: section, name: name, expr: (t["expr"] as? String) ?? "",
            disableMacros: (t["disable_macros"] as? Bool) ?? false, disableCheck: (t["disable_check"] as? Bool) ?? false,
            container: t["container"] as? String, typeEnvJSON: (t["type_env"] as? [Any]) ?? [],
            bindings: bindings, expected: expected, needs: needs,
            checkOnly: checkOnly, expectedType: e["type"] as? String)
    }

    /// Decodes a typed VALUE.
    static func decodeValue(_ any: Any) throws -> Value {
        guard let obj = any as? [String: Any], let (tag, payload) = obj.first, obj.count == 1 else {
            throw DecodeError(description: "bad value \(any)")
        }
        switch tag {
        case "null": return .null
        case "bool": return .bool((payload as? Bool) ?? false)
        case "int":
            guard let s = payload as? String, let i = Int64(s) else { throw DecodeError(description: "bad int") }
            return .int(i)
        case "uint":
            guard let s = payload as? String, let u = UInt64(s) else { throw DecodeError(description: "bad uint") }
            return .uint(u)
        case "double":
            if let s = payload as? String {
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: guard let d = Double(s) else { throw DecodeError(description: "bad double") }; return .double(d)
                }
            }
            guard let n = payload as? NSNumber else { throw DecodeError(description: "bad double") }
            return .double(n.doubleValue)
        case "string": return .string((payload as? String) ?? "")
        case "bytes":
            guard let s = payload as? String, let d = Data(base64Encoded: s) else { throw DecodeError(description: "bad bytes") }
            return .bytes(Array(d))
        case "list":
            return .list(try ((payload as? [Any]) ?? []).map(decodeValue))
        case "map":
            var m = CELMap()
            for entry in (payload as? [[String: Any]]) ?? [] {
                guard let k = entry["key"], let v = entry["value"] else { throw DecodeError(description: "bad map entry") }
                m.set(try decodeValue(k), try decodeValue(v))
            }
            return .map(m)
        case "type":
            return .type(TypeValue((payload as? String) ?? ""))
        case "object":
            guard let o = payload as? [String: Any], let message = o["message"] as? String else { throw DecodeError(description: "bad object") }
            let json = o["json"] as? String ?? ""
            switch message {
            case "google.protobuf.Timestamp": return .timestamp(try CELTimestamp.parse(json))
            case "google.protobuf.Duration": return .duration(try CELDuration.parse(json))
            default: throw DecodeError(description: "protobuf message \(message) not supported")
            }
        default:
            throw DecodeError(description: "unsupported value kind \(tag)")
        }
    }
}

extension Value {
    /// Strict equality for comparing results with expectations: same kinds all the way
    /// down, NaN equal to NaN, maps order-independent.
    func conformanceEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case let (.double(a), .double(b)): return (a.isNaN && b.isNaN) || a == b
        case let (.list(a), .list(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.conformanceEquals($1) }
        case let (.map(a), .map(b)):
            guard a.count == b.count else { return false }
            for (k, v) in a.entries {
                guard let w = b.lookup(k), v.conformanceEquals(w) else { return false }
                guard let bk = b.entries.first(where: { MapKey($0.key) == MapKey(k) })?.key, bk.kind == k.kind else { return false }
            }
            return true
        case let (.optional(a), .optional(b)):
            switch (a, b) {
            case (nil, nil): return true
            case let (x?, y?): return x.conformanceEquals(y)
            default: return false
            }
        default:
            return kind == other.kind && celEquals(other)
        }
    }
}
