/// A flag any thread may raise and read: how a caller tells an analysis running on other
/// threads to stop (`AnalysisOptions.shouldStop = { signal.isRaised }`). `Task.isCancelled`
/// cannot serve there: on a thread outside the task it is always false.
public final class StopSignal: @unchecked Sendable {
    private let lock = Lock()
    private var raised = false
    public init() {}
    public var isRaised: Bool { lock.withLock { raised } }
    public func raise() { lock.withLock { raised = true } }
}
