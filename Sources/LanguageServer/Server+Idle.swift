/// Work for the moments when the server has nothing to analyse. An edit allocates and
/// frees tens of megabytes on a large document, on whichever threads its analysis uses, and
/// closing one frees its whole analysis; the allocator keeps what is freed for later (the
/// figures are with `MemoryTuning.releaseFreeMemory`, the executable's action). Handing it
/// back after each edit would make the next one fault its pages in again, so it waits for
/// a pause.
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
    /// After an analysis was published or a document closed: `whenIdle` runs
    /// `delayNanoseconds` later if nothing else happened in between, once per pause. While
    /// an analysis is scheduled or running nothing is waited on: its publish calls this again.
    func scheduleIdleAction() {
        guard let action = whenIdle else { return }
        let mark: (event: Int, generation: Int)? = withState { state in
            guard state.analyses.isIdle else { return nil }
            state.idleEvents += 1
            return (state.idleEvents, state.analyses.latestGeneration)
        }
        guard let mark else { return }
        Task.onOwnQueue("kro-lsp.idle") { [self] in
            try? await Task.sleep(nanoseconds: action.delayNanoseconds)
            // Only the last event of the pause finds itself the last, with no run begun since.
            let idle = withState {
                $0.idleEvents == mark.event && $0.analyses.isIdle && $0.analyses.latestGeneration == mark.generation
            }
            if idle { action.run() }
        }
    }
}
