import Foundation
import Testing
@testable import CEL

/// Random ASTs over every registered function and node kind: evaluation must always
/// return a result (never trap), whatever the argument kinds and values.
@Suite("Runtime robustness")
struct RuntimeRobustnessTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
        mutating func chance(_ n: UInt64) -> Bool { next() % n == 0 }
    }

    static let names: [String] = FunctionTable.standard.names.sorted()
    static let literals: [Literal] = [
        .null, .bool(true), .bool(false), .int(0), .int(-1), .int(.max), .int(.min), .int(3), .uint(0), .uint(.max),
        .uint(7), .double(0), .double(-0.5), .double(.nan), .double(.infinity), .double(1e300), .string(""),
        .string("héllo wörld"), .string("%d %s %x %.3f %e %b %o %X %%"), .string("a.*b|(c+)?"), .string("("),
        .string("2009-02-13T23:31:30Z"), .string("1h2m"), .string("Asia/Kathmandu"), .string("+05:30"),
        .string("aGVsbG8="), .bytes([]), .bytes([0xff, 0x00, 0x41]),
    ]

    func randomExpr(_ r: inout RNG, _ b: ASTBuilder, depth: Int) -> Expr {
        if depth <= 0 || r.chance(4) {
            if r.chance(5) { return b.ident(r.pick(["x", "m", "l", "int", "string", "nope"])) }
            let lit = r.pick(Self.literals)
            switch lit {
            case .null: return b.null()
            case .bool(let v): return b.bool(v)
            case .int(let v): return b.int(v)
            case .uint(let v): return b.uint(v)
            case .double(let v): return b.double(v)
            case .string(let v): return b.str(v)
            case .bytes(let v): return b.make_bytes(v)
            }
        }
        let sub = { (r: inout RNG) in self.randomExpr(&r, b, depth: depth - 1) }
        switch r.next() % 10 {
        case 0: return b.list(sub(&r), sub(&r))
        case 1: return b.map((sub(&r), sub(&r)))
        case 2: return b.select(sub(&r), r.pick(["a", "b"]), testOnly: r.chance(2))
        case 3: return b.all(sub(&r), "v", sub(&r))
        case 4: return b.map(sub(&r), "v", sub(&r))
        case 5:
            let n = Int(r.next() % 4)
            var args: [Expr] = []
            for _ in 0..<n { args.append(sub(&r)) }
            return Expr(id: 0, kind: .call(target: sub(&r), function: r.pick(Self.names), args: args), span: SourceSpan(start: 0, end: 0))
        default:
            let n = Int(r.next() % 4)
            var args: [Expr] = []
            for _ in 0..<n { args.append(sub(&r)) }
            return Expr(id: 0, kind: .call(target: nil, function: r.pick(Self.names + [Operator.optionalSelect]), args: args),
                        span: SourceSpan(start: 0, end: 0))
        }
    }

    /// `KRO_CEL_FUZZ=<iterations>` runs a longer search locally.
    let iterations = Int(ProcessInfo.processInfo.environment["KRO_CEL_FUZZ"] ?? "") ?? 3000
    let seed = UInt64(ProcessInfo.processInfo.environment["KRO_CEL_FUZZ_SEED"] ?? "") ?? 0x5eed

    @Test func randomExpressionsNeverTrap() {
        var r = RNG(state: seed)
        let b = ASTBuilder()
        let vars: [String: Value] = [
            "x": .int(2), "m": .stringMap([("a", .list([.int(1)])), ("b", .optional(.string("s")))]),
            "l": .list([.double(1.5), .string("z"), .null, CELTimestamp(seconds: 0).map(Value.timestamp) ?? .null]),
        ]
        var values = 0, errors = 0
        for _ in 0..<iterations {
            let e = randomExpr(&r, b, depth: 4)
            switch run(e, vars, options: EvalOptions(costLimit: 20_000)) {
            case .value: values += 1
            case .error: errors += 1
            case .unknown: break
            }
        }
        // Both outcomes occur: the generator reaches real functions with fitting arguments.
        #expect(values > 100)
        #expect(errors > 100)
    }
}
