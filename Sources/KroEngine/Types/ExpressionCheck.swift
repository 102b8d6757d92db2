import CEL

/// What the type checker computed for one expression, kept for the snapshot: the type of
/// every node, what each identifier and call resolved to, the issues, and the environment
/// it was checked in (whose type provider describes the object types, for completion).
public struct ExpressionCheck: Sendable {
    public var result: CheckResult
    public var environment: CELEnvironment
}
