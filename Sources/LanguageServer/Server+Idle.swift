/// Work for the moments when the server has nothing to analyse. An edit allocates and
/// frees tens of megabytes on a large document, on whichever threads its analysis uses;
/// the allocator keeps what is freed for later (a 10,000-resource document held 186 MB
/// after a burst of edits, 134 MB once that was handed back). Handing it back after each
/// edit would make the next one fault its pages in again, so it waits for a pause.
public struct IdleAction: Sendable {
    /// How long no analysis may have run or been scheduled.
    public var delayNanoseconds: UInt64
    public var run: @Sendable () -> Void

    public init(afterNanoseconds delay: UInt64 = 1_000_000_000, _ run: @escaping @Sendable () -> Void) {
        self.delayNanoseconds = delay
        self.run = run
    }
}

extension Server {
    /// After an analysis finished: `whenIdle` runs `delayNanoseconds` later if no run has
    /// begun since and none is scheduled or going on, once per pause (the publishes of
    /// several documents may end the same one).
    func scheduleIdleAction() {
        guard let action = whenIdle else { return }
        let generation = withState { $0.analyses.latestGeneration }
        Task.onOwnQueue("kro-lsp.idle") { [self] in
            try? await Task.sleep(nanoseconds: action.delayNanoseconds)
            let idle = withState { state in
                guard state.analyses.isIdle, state.analyses.latestGeneration == generation,
                      state.idleActionRan != generation else { return false }
                state.idleActionRan = generation
                return true
            }
            if idle { action.run() }
        }
    }
}
