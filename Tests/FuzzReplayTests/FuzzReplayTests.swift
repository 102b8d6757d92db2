import Foundation
import Testing
import KroFuzzTargets

/// Every input kept from fuzzing (seeds and findings, `Corpus/TARGET/`) and a fixed set of
/// seeded mutations of them keep every target's invariants, in every `swift test` run.
@Suite struct FuzzReplayTests {
    static func keptInputs(_ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
        let url = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil))
            .appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        return try names.map { ($0, Array(try Data(contentsOf: url.appendingPathComponent($0)))) }
    }

    /// Runs `body` on a thread of its own: replaying holds a CPU for minutes in a sanitizer
    /// build, and on a cooperative thread it would starve the tasks of the in-process server
    /// tests running beside it.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 64 << 20  // room for deep inputs (a main thread has 8 MiB)
            thread.start()
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsKeepTheInvariants(_ target: FuzzTarget) async throws {
        let inputs = try Self.keptInputs(target)
        #expect(!inputs.isEmpty, "no kept inputs for \(target.rawValue)")
        let failures = await Self.offThePool {
            inputs.compactMap { input -> String? in
                let violations = target.run(input.bytes)
                return violations.isEmpty ? nil : "\(target.rawValue)/\(input.name): \(violations)"
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    /// A fixed-seed mutation run, so regressions the fuzzer would find quickly show up here.
    @Test(arguments: FuzzTarget.allCases)
    func seededMutationsKeepTheInvariants(_ target: FuzzTarget) async throws {
        let seeds = try Self.keptInputs(target).map(\.bytes)
        let failures = await Self.offThePool { Self.mutationFailures(target, seeds) }
        #expect(failures.isEmpty, "\(target.rawValue), \(failures.count) failed, the first: \(failures.prefix(3))")
    }

    static func mutationFailures(_ target: FuzzTarget, _ seeds: [[UInt8]]) -> [String] {
        var mutator = Mutator(seed: 0x6b726f2d6c7370)
        // The engine, the renderer and the editor requests cost far more per input.
        let rounds = switch target {
        case .engine, .render: 150
        case .ide: 60
        default: 600
        }
        var failures: [String] = []
        for round in 0..<rounds {
            let input = mutator.mutate(seeds[round % seeds.count], splicing: seeds[(round * 7 + 3) % seeds.count])
            let violations = target.run(input)
            if !violations.isEmpty {
                failures.append("round \(round) input \(String(decoding: input.prefix(200), as: UTF8.self).debugDescription): \(violations)")
            }
        }
        return failures
    }
}

/// Deterministic byte-level mutations (SplitMix64): flips, insertions of interesting bytes,
/// deletions, duplications, truncation and splicing with another input.
struct Mutator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }

    static let interesting: [[UInt8]] = ["${", "}", "\n", "\r\n", "  ", "\t", ":", "- ", "{", "[", "\"", "'", "\\",
                                         "&a ", "*a", "---\n", "(", ")", ".", "?", "|", "=", "\u{0}", "é", "😀"]
        .map { Array($0.utf8) } + [[0xFF], [0xC3], [0xEF, 0xBB, 0xBF]]

    mutating func mutate(_ seed: [UInt8], splicing other: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0...next(4) {
            let at = next(bytes.count + 1)
            switch next(6) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << next(8))
            case 1: bytes.insert(contentsOf: Self.interesting[next(Self.interesting.count)], at: at)
            case 2 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + 1 + next(16)))
            case 3 where at < bytes.count:
                let end = min(bytes.count, at + 1 + next(64))
                bytes.insert(contentsOf: bytes[at..<end], at: next(bytes.count + 1))
            case 4: bytes = Array(bytes.prefix(at))
            default:
                let cut = next(other.count + 1)
                bytes = Array(bytes.prefix(at)) + other.suffix(from: cut)
            }
        }
        return bytes
    }
}
