import YAMLSyntax

/// Collects broken invariants for one fuzz run.
struct Violations {
    private(set) var list: [String] = []

    mutating func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { list.append(message()) }
    }

    /// A range must lie inside a text of `count` bytes and not run backwards.
    mutating func expectInside(_ range: TextRange, _ count: Int, _ what: @autoclosure () -> String) {
        expect(range.start >= 0 && range.start <= range.end && range.end <= count,
               "\(what()): range \(range.start)..<\(range.end) outside 0..<\(count)")
    }
}
