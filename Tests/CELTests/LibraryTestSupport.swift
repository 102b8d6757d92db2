@testable import CEL

/// Calls a function of kro's runtime table the way the interpreter does.
func libCall(_ name: String, member: Bool = false, _ args: Value...) throws(EvalError) -> Value {
    try FunctionTable.kro.call(name, member: member, args)
}

/// The error message of a call, nil when it succeeds.
func libError(_ name: String, member: Bool = false, _ args: Value...) -> String? {
    do { _ = try FunctionTable.kro.call(name, member: member, args); return nil } catch { return error.message }
}

extension Value {
    func opaqueValue<T: OpaqueValue>(_ t: T.Type) -> T? {
        if case .object(let o) = self { return o as? T }
        return nil
    }
}
