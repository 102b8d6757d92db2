import YAMLSyntax

/// The YAML layer: every node, key and error range lies inside the file, parsing the same
/// bytes twice gives the same tree, and the parse that cuts a `resources:` list into groups of
/// items parsed on other threads (ParallelParse.swift; here for documents of any size) gives
/// the one-thread tree.
enum YAMLFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let source = SourceText(bytes: input)
        let file = YAMLParser.parse(source)
        for error in file.errors { v.expectInside(error.range, input.count, "YAML error '\(error.message)'") }
        for document in file.documents {
            v.expectInside(document.range, input.count, "document")
            for error in document.errors { v.expectInside(error.range, input.count, "document error '\(error.message)'") }
            var stack = document.root.map { [$0] } ?? []
            var visited = 0
            while let node = stack.popLast(), visited < 1_000_000 {
                visited += 1
                v.expectInside(node.range, input.count, "node")
                switch node {
                case .mapping(let m): m.entries.forEach { stack.append($0.key); stack.append($0.value) }
                case .sequence(let s): stack.append(contentsOf: s.items)
                case .scalar, .alias: break  // an alias's target was visited where it is anchored
                }
            }
        }
        let again = YAMLParser.parse(source)
        v.expect(again.errors == file.errors && again.documents.count == file.documents.count,
                 "a second parse of the same bytes differs")
        let cut = YAMLParser.parse(source, limits: .default,
                                   parallel: .init(threads: 2, minimumDocumentBytes: 0, groupsPerThread: 2))
        v.expect(cut.documents == file.documents && cut.errors == file.errors,
                 "the parse cut at the resources items differs from the one-thread parse")
        return v.list
    }
}
