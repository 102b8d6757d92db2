import JSON

/// A JSON-RPC request id: a number or a string.
public enum RequestID: Sendable, Hashable {
    case int(Int64)
    case string(String)

    init?(_ value: JSONValue) {
        switch value {
        case .int(let i): self = .int(i)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    var json: JSONValue {
        switch self {
        case .int(let i): .int(i)
        case .string(let s): .string(s)
        }
    }
}

/// A JSON-RPC error object; the codes are JSON-RPC's and LSP's.
public struct ResponseError: Error, Sendable, Hashable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) { self.code = code; self.message = message }

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let requestCancelled = -32800
    public static let contentModified = -32801

    static func invalidParams(_ message: String) -> ResponseError { .init(code: invalidParams, message: message) }

    var json: JSONValue { ["code": .int(Int64(code)), "message": .string(message)] }
}

/// One decoded JSON-RPC message.
enum Message: Sendable {
    case request(id: RequestID, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    case response(id: RequestID, result: Result<JSONValue, ResponseError>)

    /// Decodes a message; a failure carries the error response to send (id if known).
    static func decode(_ body: [UInt8]) -> Result<Message, DecodeFailure> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            return .failure(DecodeFailure(nil, ResponseError(code: ResponseError.parseError, message: "Parse error: \(error)")))
        }
        guard let object = value.objectValue else {
            return .failure(DecodeFailure(nil, invalid("a message must be a JSON object")))
        }
        let rawID = object["id"]
        let id = rawID.flatMap(RequestID.init)
        if let rawID, rawID != .null, id == nil {
            return .failure(DecodeFailure(nil, invalid("id must be a number or a string")))
        }
        guard object["jsonrpc"] == "2.0" else { return .failure(DecodeFailure(id, invalid("jsonrpc must be \"2.0\""))) }
        let params = object["params"] ?? .null
        if let method = object["method"] {
            guard let name = method.stringValue else { return .failure(DecodeFailure(id, invalid("method must be a string"))) }
            switch params {
            case .object, .array, .null: break
            default: return .failure(DecodeFailure(id, invalid("params must be an object or an array")))
            }
            if let id { return .success(.request(id: id, method: name, params: params)) }
            if rawID == nil { return .success(.notification(method: name, params: params)) }
            return .failure(DecodeFailure(nil, invalid("id must be a number or a string")))
        }
        guard let id else { return .failure(DecodeFailure(nil, invalid("a message needs a method or an id"))) }
        if let error = object["error"] {
            let code = error["code"].flatMap { if case .int(let c) = $0 { Int(c) } else { nil } } ?? ResponseError.internalError
            return .success(.response(id: id, result: .failure(ResponseError(code: code, message: error["message"]?.stringValue ?? ""))))
        }
        return .success(.response(id: id, result: .success(object["result"] ?? .null)))
    }

    private static func invalid(_ message: String) -> ResponseError {
        ResponseError(code: ResponseError.invalidRequest, message: "Invalid request: \(message)")
    }
}

/// A message that could not be decoded, and the id to answer it with (if known).
struct DecodeFailure: Error {
    var id: RequestID?
    var error: ResponseError
    init(_ id: RequestID?, _ error: ResponseError) { self.id = id; self.error = error }
}

/// A result or a notification's params as sent: a tree, or JSON text written without one
/// (the results that grow with the file: semantic tokens, the outline, folding ranges, lenses).
enum Payload: Sendable, Equatable {
    case tree(JSONValue)
    case text(JSONFragment)
}

enum OutgoingMessage {
    static func response(id: RequestID?, result: Result<Payload, ResponseError>) -> Payload {
        let head: [(String, JSONValue)] = [("jsonrpc", "2.0"), ("id", id?.json ?? .null)]
        switch result {
        case .success(let value): return message(head, "result", value)
        case .failure(let error): return message(head, "error", .tree(error.json))
        }
    }

    static func notification(_ method: String, _ params: Payload) -> Payload {
        message([("jsonrpc", "2.0"), ("method", .string(method))], "params", params)
    }

    static func request(id: RequestID, _ method: String, _ params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params]
    }

    /// The object of `head`'s members and then `last`; text when `last` is text, written
    /// around it (the bytes the tree would serialize to, without making the tree).
    private static func message(_ head: [(String, JSONValue)], _ key: String, _ last: Payload) -> Payload {
        switch last {
        case .tree(let value):
            var object: JSONValue = [:]
            for (name, member) in head + [(key, value)] { object.set(name, member) }
            return .tree(object)
        case .text(let text):
            var writer = JSONTextWriter()
            writer.beginObject()
            for (name, member) in head {
                writer.key(name)
                writer.value(member)
            }
            writer.key(key)
            writer.fragment(text)
            writer.endObject()
            return .text(writer.finish())
        }
    }
}
