import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// KRO003's walk resolves only scalars that can be floats and reports, in the same walk,
/// whether the item holds anchors or aliases. Held to the plain version: every scalar
/// resolved, and `YAMLNode.hasAnchorsOrAliases`.
@Suite struct UnrepresentableWalkTests {
    /// The plain walk: every scalar resolved (the ranges KRO003 reports).
    static func reference(_ node: YAMLNode, depth: Int, into ranges: inout [TextRange]) {
        guard depth < 256 else { return }
        switch node {
        case .scalar(let s):
            if case .float(let d) = s.resolved, !d.isFinite { ranges.append(s.range) }
        case .mapping(let m):
            for e in m.entries { reference(e.value, depth: depth + 1, into: &ranges) }
        case .sequence(let s):
            for item in s.items { reference(item, depth: depth + 1, into: &ranges) }
        case .alias:
            break
        }
    }

    /// Compares the walk with the plain one on every node of `root` (each as a resource item would be walked).
    static func compare(_ root: YAMLNode, _ name: String) -> Int {
        var nodes = [root], compared = 0
        while let node = nodes.popLast() {
            var reader = AdmissionReader()
            let anchored = reader.checkUnrepresentable(node, depth: AdmissionReader.resourceItemDepth)
            var expected: [TextRange] = []
            reference(node, depth: AdmissionReader.resourceItemDepth, into: &expected)
            #expect(reader.diagnostics.map(\.range) == expected, "\(name) at \(node.range)")
            #expect(reader.diagnostics.allSatisfy { $0.code == "KRO003" })
            #expect(anchored == node.hasAnchorsOrAliases, "\(name) at \(node.range)")
            compared += 1
            switch node {
            case .mapping(let m): for e in m.entries { nodes.append(e.key); nodes.append(e.value) }
            case .sequence(let s): nodes += s.items
            default: break
            }
        }
        return compared
    }

    @Test func corpusFilesWalkAsThePlainWalk() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var compared = 0
        for name in RGDCorpusTests.corpusFiles() {
            let data = try Data(contentsOf: root.appendingPathComponent(name))
            for document in YAMLParser.parse(SourceText(bytes: Array(data))).documents {
                if let node = document.root { compared += Self.compare(node, name) }
            }
        }
        #expect(compared > 10_000)
    }

    /// Scalars of every kind a float test could miss or wrongly take (special words in
    /// each case, overflowing numbers, quoted and tagged forms, look-alikes), anchors on
    /// values, keys and collections, aliases, and nesting past the walk's depth bound.
    static let values = [
        ".inf", ".Inf", ".INF", "-.inf", "+.Inf", "-.INF", ".nan", ".NaN", ".NAN", "1e999", "-1e400", "+1e309",
        "1_0e999", "0x10", "1_000", ".5", "-.5e999", "inf", "nan", "Infinity", "'.inf'", "\".nan\"", "!!str .inf",
        "!!float .inf", "!!float 1e999", "!local -.inf", "1e308", "abc", "~", "null", "yes", "0o17", ".", "+", "-x",
        ".infinity", "1e99999999999", "9" + String(repeating: "9", count: 400), "&v2 .inf", "&w2 plain", "*v",
        "[.inf, 1, *w]", "{a: -.inf, b: &x [1]}", "!!float +.INF",
    ]
    static let keys = ["a", "&k b", ".inf", "1e999", "? [x, .nan]\n  ", "? &m {q: 1}\n  ", "*k2"]

    static func generated(seed: Int) -> String {
        var random = DependencyGraphScaleTests.Seeded(state: UInt64(seed) &+ 17)
        var lines = ["k2: &k2 key", "defs: [&v .inf, &w plain]", "items:"]
        for i in 0..<(1 + random.next(12)) {
            lines.append("- id: r\(i)")
            for j in 0..<random.next(6) {
                let key = keys[random.next(keys.count)]
                let value = values[random.next(values.count)]
                if key.hasPrefix("?") {
                    lines.append("  \(key): \(value)")
                } else if key == "*k2" {
                    if j == 0 { lines.append("  *k2 : \(value)") }  // once: a second would repeat the key
                } else {
                    lines.append("  \(key)\(j): \(value)")
                }
            }
            if random.next(3) == 0 {
                lines.append("  list:")
                for _ in 0..<random.next(4) { lines.append("    - \(values[random.next(values.count)])") }
            }
            if random.next(6) == 0 {  // past the depth bound: KRO003 no more, anchors still seen
                let depth = 250 + random.next(12)
                let inner = random.next(2) == 0 ? "&deep 1e999" : "-.inf"
                lines.append("  deep: " + String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: 0..<60) func generatedDocumentsWalkAsThePlainWalk(seed: Int) {
        let text = Self.generated(seed: seed)
        let file = YAMLParser.parse(SourceText(text))
        // Collection keys fail kubectl's conversion (an error the walk does not change).
        let parses = file.documents.allSatisfy { $0.errors.allSatisfy { $0.message.hasPrefix("invalid map key") } }
        guard let root = file.documents.first?.root, parses else {
            Issue.record("seed \(seed) does not parse: \(file.documents.flatMap(\.errors))\n\(text)")
            return
        }
        #expect(Self.compare(root, "seed \(seed)") > 3)
    }

    /// A long list of plain and quoted scalars is packed (`YAMLItems`): the walk reads its
    /// values without nodes and must still report every float that is not finite.
    @Test(arguments: ["flow", "block", "mapping"]) func packedListsWalkAsThePlainWalk(style: String) throws {
        let packable = Self.values.filter { !$0.contains(where: { "&*![{!".contains($0) }) && $0.utf8.count <= 64 }
        let items = (0..<700).map { packable[($0 * 7) % packable.count] }
        let text = switch style {
        case "flow": "list: [" + items.joined(separator: ", ") + "]\n"
        case "block": "list:\n" + items.map { "- " + $0 }.joined(separator: "\n") + "\n"
        // Packed after an entry that is not: the head's anchor and float are seen too.
        default: "list:\n  first: {x: .inf, y: &a 1}\n" + items.enumerated().map { "  k\($0): \($1)" }.joined(separator: "\n") + "\n"
        }
        let root = try #require(YAMLParser.parse(SourceText(text)).documents.first?.root)
        let list = try #require(root.mapping?.value(forKey: "list"))
        #expect(list.sequence?.items.arePackedScalars ?? list.mapping?.entries.arePackedScalars == true)
        var reader = AdmissionReader()
        reader.checkUnrepresentable(list, depth: AdmissionReader.resourceItemDepth)
        #expect(reader.diagnostics.count > 100)
        #expect(Self.compare(root, style) == (style == "mapping" ? 1_409 : 703))
    }

    /// The pre-filter keeps every text that resolves to a float.
    @Test func everyFloatTextPassesThePreFilter() {
        let file = YAMLParser.parse(SourceText("[" + Self.values.joined(separator: ", ") + "]\n"))
        guard case .sequence(let list)? = file.documents.first?.root else { Issue.record("no list"); return }
        var floats = 0
        for case .scalar(let s) in list.items {
            if case .float = s.resolved {
                floats += 1
                #expect(AdmissionReader.mayResolveToFloat(s), "\(s.value)")
            }
        }
        #expect(floats >= 15)
    }
}
