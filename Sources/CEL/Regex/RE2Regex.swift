/// A regular expression with RE2 syntax and semantics, matched in time linear in the
/// input (Thompson NFA simulated by a Pike VM: no backtracking, so `(a*)*b` over a long
/// string is fast). Backreferences and lookaround are rejected, as RE2 does.
///
/// Named `RE2Regex` to stay clear of the standard library's `Regex`.
///
/// ```swift
/// let re = try RE2Regex("[a-z]+\\d")
/// re.firstMatch(in: "xx ab1 cd2")?.text      // "ab1" (leftmost-first, like Go)
/// re.allMatches(in: "xx ab1 cd2").map(\.text) // ["ab1", "cd2"]
/// ```
public struct RE2Regex: Sendable {
    public let pattern: String
    let program: RegexProgram

    /// Largest compiled program accepted (guards `(x{1000}){1000}`-style blowups).
    public static let maxProgramSize = 100_000

    public init(_ pattern: String) throws(RegexError) {
        var parser = RegexParser(pattern)
        let node = try parser.parse()
        self.pattern = pattern
        self.program = try RegexCompiler.compile(node, limit: Self.maxProgramSize)
    }

    /// Whether the pattern matches anywhere in `text` (CEL `matches`).
    public func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

    /// The leftmost-first match (Go/RE2 semantics).
    public func firstMatch(in text: String) -> RegexMatch? {
        let input = RegexInput(text)
        guard let (s, e) = program.search(input, from: 0) else { return nil }
        return input.match(s, e)
    }

    /// Successive non-overlapping matches; an empty match right after the previous match
    /// is skipped (Go's `FindAll`). `limit` caps the count (nil or negative: all).
    public func allMatches(in text: String, limit: Int? = nil) -> [RegexMatch] {
        let input = RegexInput(text)
        var out: [RegexMatch] = []
        var pos = 0
        var prevEnd = -1
        while pos <= input.scalars.count {
            if let limit, limit >= 0, out.count >= limit { break }
            guard let (s, e) = program.search(input, from: pos) else { break }
            var accept = true
            if e == s {
                // An empty match right after the previous match is ignored.
                if s == prevEnd { accept = false }
                pos = e + 1
            } else {
                pos = e
            }
            prevEnd = e
            if accept { out.append(input.match(s, e)) }
        }
        return out
    }
}

/// A match: UTF-8 byte range in the searched string and the matched text.
public struct RegexMatch: Sendable, Equatable {
    public let range: Range<Int>
    public let text: String
}

struct RegexInput {
    let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar index (count + 1 entries).
    let offsets: [Int]
    let text: String

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
        var offs: [Int] = []
        offs.reserveCapacity(scalars.count + 1)
        var o = 0
        for s in scalars { offs.append(o); o += UTF8.width(s) }
        offs.append(o)
        offsets = offs
    }

    func match(_ s: Int, _ e: Int) -> RegexMatch {
        let bytes = Array(text.utf8)[offsets[s]..<offsets[e]]
        return RegexMatch(range: offsets[s]..<offsets[e], text: String(decoding: bytes, as: UTF8.self))
    }
}

enum RegexInst {
    case char(Unicode.Scalar)
    case charFold([Unicode.Scalar])
    case set(CharSet)
    case any(dotNewline: Bool)
    case split(Int, Int)
    case jmp(Int)
    case assert(RegexAssertion)
    case match
}

enum RegexCompiler {
    static func compile(_ node: RegexNode, limit: Int) throws(RegexError) -> RegexProgram {
        var c = Emitter(limit: limit)
        try c.emit(node)
        try c.append(.match)
        return RegexProgram(insts: c.insts)
    }

    struct Emitter {
        var insts: [RegexInst] = []
        let limit: Int

        mutating func append(_ i: RegexInst) throws(RegexError) {
            if insts.count >= limit { throw RegexError("expression too large") }
            insts.append(i)
        }

        mutating func emit(_ node: RegexNode) throws(RegexError) {
            switch node {
            case .empty: break
            case .char(let c, let fold):
                let variants = fold ? caseVariants(c) : [c]
                try append(variants.count > 1 ? .charFold(variants) : .char(c))
            case .set(let s): try append(.set(s))
            case .any(let nl): try append(.any(dotNewline: nl))
            case .assert(let a): try append(.assert(a))
            case .group(let inner, _): try emit(inner)
            case .concat(let items): for n in items { try emit(n) }
            case .alternate(let branches):
                // split L1, next; L1: b0; jmp end; next: split L2, next2 ...
                var jumps: [Int] = []
                for (k, b) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = insts.count
                        try append(.split(split + 1, -1))
                        try emit(b)
                        jumps.append(insts.count)
                        try append(.jmp(-1))
                        insts[split] = .split(split + 1, insts.count)
                    } else {
                        try emit(b)
                    }
                }
                for j in jumps { insts[j] = .jmp(insts.count) }
            case .repeatNode(let inner, let min, let max, let greedy):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    // (x(x(x)?)?)? for the optional copies.
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(insts.count)
                        try append(.split(-1, -1))
                        try emit(inner)
                    }
                    let end = insts.count
                    for s in splits { insts[s] = greedy ? .split(s + 1, end) : .split(end, s + 1) }
                } else {
                    let loop = insts.count
                    try append(.split(-1, -1))
                    try emit(inner)
                    try append(.jmp(loop))
                    let end = insts.count
                    insts[loop] = greedy ? .split(loop + 1, end) : .split(end, loop + 1)
                }
            }
        }
    }
}

struct RegexProgram: Sendable {
    let insts: [RegexInst]

    private struct ThreadList {
        var pcs: [Int] = []
        var starts: [Int] = []
        var mark: [Int]
        init(size: Int) { mark = Array(repeating: -1, count: size) }
        mutating func clear() { pcs.removeAll(keepingCapacity: true); starts.removeAll(keepingCapacity: true) }
    }

    /// Leftmost-first search starting at scalar index `from`.
    func search(_ input: RegexInput, from: Int) -> (Int, Int)? {
        let s = input.scalars
        let n = s.count
        var clist = ThreadList(size: insts.count)
        var nlist = ThreadList(size: insts.count)
        var stack: [Int] = []
        var matched: (Int, Int)? = nil
        var generation = 0

        func isWord(_ i: Int) -> Bool {
            guard i >= 0, i < n else { return false }
            let v = s[i].value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
        }
        func holds(_ a: RegexAssertion, _ pos: Int) -> Bool {
            switch a {
            case .beginText: return pos == 0
            case .endText: return pos == n
            case .beginLine: return pos == 0 || s[pos - 1] == "\n"
            case .endLine: return pos == n || s[pos] == "\n"
            case .wordBoundary: return isWord(pos - 1) != isWord(pos)
            case .notWordBoundary: return isWord(pos - 1) == isWord(pos)
            }
        }
        func add(_ list: inout ThreadList, _ pc0: Int, _ start: Int, _ pos: Int, _ gen: Int) {
            stack.append(pc0)
            while let pc = stack.popLast() {
                if list.mark[pc] == gen { continue }
                list.mark[pc] = gen
                switch insts[pc] {
                case .jmp(let t): stack.append(t)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .assert(let a): if holds(a, pos) { stack.append(pc + 1) }
                default:
                    list.pcs.append(pc); list.starts.append(start)
                }
            }
        }

        var pos = from
        generation += 1
        while true {
            if matched == nil {
                add(&clist, 0, pos, pos, generation)
            }
            if clist.pcs.isEmpty && (matched != nil || pos >= n) { break }
            generation += 1
            nlist.clear()
            var k = 0
            while k < clist.pcs.count {
                let pc = clist.pcs[k], start = clist.starts[k]
                k += 1
                let c: Unicode.Scalar? = pos < n ? s[pos] : nil
                switch insts[pc] {
                case .match:
                    matched = (start, pos)
                    k = clist.pcs.count   // lower-priority threads are cut
                case .char(let x):
                    if let c, c == x { add(&nlist, pc + 1, start, pos + 1, generation) }
                case .charFold(let xs):
                    if let c, xs.contains(c) { add(&nlist, pc + 1, start, pos + 1, generation) }
                case .set(let set):
                    if let c, set.contains(c) { add(&nlist, pc + 1, start, pos + 1, generation) }
                case .any(let nl):
                    if let c, nl || c != "\n" { add(&nlist, pc + 1, start, pos + 1, generation) }
                default: break
                }
            }
            if pos >= n { 
                // Threads in nlist would need input past the end.
                break
            }
            swap(&clist, &nlist)
            pos += 1
            if clist.pcs.isEmpty && matched != nil { break }
        }
        return matched
    }
}
