#if os(Linux)
import CMalloc
#endif

/// Allocator settings for a run that reads its inputs, reports and exits (`--check` and
/// the subcommands), and for the language server.
enum MemoryTuning {
    /// Blocks of 256 KB and more are mapped and unmapped on their own. glibc's default
    /// raises this threshold up to 32 MB each time such a block is freed, so once the
    /// file's bytes or libyaml's value buffer are freed, later large temporaries come from
    /// the heap and their pages stay resident: a file holding one 10 MB scalar peaked at
    /// 60 MB, 52 MB with the fixed threshold.
    static let mmapThreshold: Int32 = 256 << 10

    static func applyForOneShotRun() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        #endif
    }

    /// The server fixes the threshold higher, at 4 MB: each edit allocates blocks of the
    /// document's size, and mapping them afresh every time raised the edit's latency at 1,000
    /// resources (1.1 MB) from 2.1 to 3.1 ms (p50) with 256 KB. Under glibc's moving threshold
    /// a 10 MB document's message, text and copies stayed in the heap once freed (a 10 MB
    /// scalar opened: 49 MB peak, 42 MB fixed); the heap's free top is given back past the
    /// same size. At 10,000 resources an edit took 29.9 ms p50 and 181 MB, 26.4 ms and 163 MB.
    static let serverMmapThreshold: Int32 = 4 << 20

    static func applyForServer() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, serverMmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, serverMmapThreshold)
        #endif
    }

    /// The bytes the allocator has handed out and not had back, in its heaps and mapped on
    /// their own (what the server's `MemoryBudget` measures); nil where not known.
    static func heapInUse() -> Int? {
        #if os(Linux)
        let info = mallinfo2()
        return Int(info.uordblks + info.hblkhd)
        #else
        return nil
        #endif
    }

    /// Hands the allocator's free memory back to the system: the server calls it when idle.
    /// The top-of-heap trim above leaves what is free inside the heaps and in the other
    /// threads' arenas: after 20 edits near the top of a 10,000-resource document the server
    /// held 267 MB, 140 MB once this ran (`scripts/server-memory.py`).
    static func releaseFreeMemory() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
