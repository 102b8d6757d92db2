import KroFuzzTargets

#if canImport(Glibc)
import Glibc
#endif

/// The target this process fuzzes, from `KRO_FUZZ_TARGET` (see scripts/fuzz.sh).
let selectedTarget: FuzzTarget = {
    let name = getenv("KRO_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        printToStandardError("KRO_FUZZ_TARGET must be one of: \(names)\n")
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point: a broken invariant is a finding, reported by aborting.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = selectedTarget.run(input)
    if !violations.isEmpty {
        printToStandardError("invariant broken (\(selectedTarget.rawValue)):\n" + violations.joined(separator: "\n") + "\n")
        abort()
    }
    return 0
}

/// Writes to file descriptor 2 directly (the C `stderr` global is not concurrency-safe).
func printToStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// libFuzzer's driver, called from our own entry point: SwiftPM links executables with
/// `main` aliased to `kro_fuzz_main`, so libFuzzer's `main` is never linked in.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("kro_fuzz_main")
public func kroFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
