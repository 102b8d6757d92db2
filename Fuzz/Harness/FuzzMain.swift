import KroFuzzTargets

#if canImport(Glibc)
import Glibc
#endif

/// The target this process fuzzes, from `KRO_FUZZ_TARGET` (see scripts/fuzz.sh).
let selectedTarget: FuzzTarget = {
    let name = getenv("KRO_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fputs("KRO_FUZZ_TARGET must be one of: \(names)\n", stderr)
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
        fputs("invariant broken (\(selectedTarget.rawValue)):\n" + violations.joined(separator: "\n") + "\n", stderr)
        abort()
    }
    return 0
}
