import KroEngine
import YAMLSyntax

/// The heap the server's analyses may take. The limits on open text (128 MiB) and on what
/// one analysis finds bound each document, not what the open ones keep together: an
/// expression-dense RGD's analysis keeps up to 11 times its text, and 11 open copies of
/// the 10,000-resource bench file (11 MB each) held 1,065 MB. So a document is analysed
/// only when the heap in use plus what its analysis would keep fits in `maxBytes`; the
/// heap is measured (not summed from estimates), so any shape of document counts what it
/// really keeps. Below `floorBytes` of heap a document is always analysed: one document
/// alone is bounded by the limits on what one file holds (a 50 MB file keeps about 2.5
/// times its text, not 11), and the estimate would refuse a large one with nothing else open.
public struct MemoryBudget: Sendable {
    public var maxBytes: Int
    public var floorBytes: Int
    /// What an analysis keeps per byte of text, at most (the 10,000-resource bench file:
    /// 95 MB for 11.7 MB, plus the peak while it runs).
    public var bytesPerTextByte: Int
    /// The heap in use now, in bytes.
    public var heapInUse: @Sendable () -> Int

    /// Under 1 GB resident with the process's own 20 MB, the allocator's free pages and the
    /// analyses under way when it is reached (each up to 100 MB): 60 open RGDs of 10,000
    /// resources peaked at 851 MB with 768 MiB.
    public static let defaultMaxBytes = 640 << 20
    /// Above the heap one document of the largest size YAML reads (64 MiB) holds before its
    /// analysis: its text, and the message it came in.
    public static let defaultFloorBytes = 256 << 20
    public static let defaultBytesPerTextByte = 11

    public init(maxBytes: Int = MemoryBudget.defaultMaxBytes, floorBytes: Int = MemoryBudget.defaultFloorBytes,
                bytesPerTextByte: Int = MemoryBudget.defaultBytesPerTextByte, heapInUse: @escaping @Sendable () -> Int) {
        self.maxBytes = maxBytes; self.floorBytes = floorBytes; self.bytesPerTextByte = bytesPerTextByte
        self.heapInUse = heapInUse
    }

    /// A document's text may grow this much after its last analysis before the next one
    /// is measured again: the heap is not measured on every keystroke.
    static let regrowthBytes = 1 << 20

    /// Whether a run of `textBytes` needs measuring: a document never analysed (`analysedBytes`
    /// nil, or left unanalysed: 0) or grown by more than `regrowthBytes` since.
    static func needsMeasuring(textBytes: Int, analysedBytes: Int?) -> Bool {
        guard let analysedBytes, analysedBytes > 0 else { return true }
        return textBytes - analysedBytes > regrowthBytes
    }

    /// Why a document of `textBytes` is not analysed now, or nil when its analysis fits.
    func refusal(textBytes: Int) -> String? {
        let inUse = heapInUse()
        let (product, overflow) = bytesPerTextByte.multipliedReportingOverflow(by: textBytes)
        let needed = overflow ? Int.max / 2 : product
        guard inUse >= floorBytes, inUse > maxBytes - needed else { return nil }
        return "not analysed: kro-lsp holds \(inUse >> 20) MB, and this document's analysis would keep about "
            + "\(max(1, needed >> 20)) MB more, over kro-lsp's limit of \(maxBytes >> 20) MB; "
            + "it is analysed when other documents are closed, or when it changes and fits"
    }

    /// The notice published in place of the findings of a document left unanalysed.
    static func notice(_ refusal: String) -> Diagnostic {
        Diagnostic(code: AnalysisLimits.code, severity: .warning, message: refusal,
                   range: TextRange(start: 0, end: 0))
    }
}
