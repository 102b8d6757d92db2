#if os(Linux)
import CMalloc
#endif

/// Allocator settings for a run that reads its inputs, reports and exits (`--check` and
/// the subcommands).
enum MemoryTuning {
    /// Blocks of 256 KB and more are mapped and unmapped on their own. glibc's default
    /// raises this threshold up to 32 MB each time such a block is freed, so once the
    /// file's bytes or libyaml's value buffer are freed, later large temporaries come from
    /// the heap and their pages stay resident: a file holding one 10 MB scalar peaked at
    /// 60 MB, 52 MB with the fixed threshold. The language server keeps glibc's default:
    /// each edit allocates blocks of the document's size, and mapping them afresh every
    /// time raised the edit's latency at 1,000 resources from 2.1 to 3.1 ms (p50).
    static let mmapThreshold: Int32 = 256 << 10

    static func applyForOneShotRun() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        #endif
    }
}
