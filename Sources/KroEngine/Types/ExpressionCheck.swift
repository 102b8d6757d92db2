import CEL

/// What the type checker computed for one expression, kept for the snapshot: the type of
/// every node, what each identifier and call resolved to, the issues, and the environment
/// it was checked in (whose type provider describes the object types, for completion).
public struct ExpressionCheck: Sendable {
    public var result: CheckResult
    /// Boxed and shared: most expressions are checked in the RGD's one environment, and
    /// inline it was 104 of the check's 136 bytes (~10 MB at 10,000 resources).
    private(set) var box: CheckEnvironment
    public var environment: CELEnvironment {
        get { box.environment }
        set { box = CheckEnvironment(newValue) }
    }

    public init(result: CheckResult, environment: CELEnvironment) {
        self.init(result: result, box: CheckEnvironment(environment))
    }

    /// `box`: an environment many checks hold (`TypeEnvironment.sharedCheckEnvironment`).
    init(result: CheckResult, box: CheckEnvironment) {
        self.result = result
        self.box = box
    }
}

/// An environment held by reference, so the checks made in it share one copy.
final class CheckEnvironment: Sendable {
    let environment: CELEnvironment
    init(_ environment: CELEnvironment) { self.environment = environment }
}
