import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// Literal validation on a tree shared by the resources of a kind (`LiteralSchemaTree`,
/// nodes made when first reached, then reused) finds exactly what a fresh validation of
/// each template against its kind's schema finds, in any order and on several threads.
@Suite struct LiteralSchemaTreeTests {
    struct Case {
        let template: YAMLNode
        let kind: KindSchema
    }

    static let validator = TemplateLiteralValidator(resolver: bundledSchemaStore.resolver) { text in
        let scan = ExpressionScanner.scan(text)
        if scan.isStandalone { return .standaloneExpression }
        return scan.hasExpressions ? .template : .literal
    }

    /// The templates of the corpus whose kinds the bundle has, as written and with three
    /// kinds of mistakes spread over them (unknown fields, wrong scalar types, a list where
    /// a map belongs), so that findings of every path are compared too.
    static let corpusCases = Result { try cases() }

    static func cases() throws -> [Case] {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var cases: [Case] = []
        for name in RGDCorpusTests.corpusFiles() {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            let variants = [
                text,
                text.replacingOccurrences(of: "  name:", with: "  nmae:"),
                text.replacingOccurrences(of: ": true", with: ": 7").replacingOccurrences(of: "port: ", with: "port: x"),
                text.replacingOccurrences(of: "labels:", with: "labels: [a]\n    unused:"),
            ]
            for variant in variants {
                guard let analysis = rgdAnalysis(variant) else { continue }
                for r in analysis.rgd.resources {
                    guard let template = r.template, let gvk = RGDAnalyzer.objectGVK(r),
                          let kind = bundledSchemaStore.lookup(gvk) else { continue }
                    cases.append(Case(template: template, kind: kind))
                }
            }
        }
        return cases
    }

    func fresh(_ c: Case) -> [TemplateLiteralValidator.Finding] {
        Self.validator.validate(template: c.template, root: c.kind.root)
    }

    @Test func sharedTreesFindWhatFreshValidationFinds() throws {
        let cases = try Self.corpusCases.get()
        let expected = cases.map(fresh)
        var trees: [String: LiteralSchemaTree] = [:]
        func tree(_ c: Case) -> LiteralSchemaTree {
            if let known = trees[c.kind.gvk.bundleKey] { return known }
            let made = LiteralSchemaTree(root: c.kind.root, resolver: bundledSchemaStore.resolver)
            trees[c.kind.gvk.bundleKey] = made
            return made
        }
        // Forwards (nodes made by earlier templates are reused), then backwards on the warm trees.
        for (i, c) in cases.enumerated() {
            #expect(Self.validator.validate(template: c.template, tree: tree(c)) == expected[i], "case \(i) forwards")
        }
        for (i, c) in cases.enumerated().reversed() {
            #expect(Self.validator.validate(template: c.template, tree: tree(c)) == expected[i], "case \(i) backwards")
        }
        // The comparison covers many kinds and every kind of finding.
        #expect(trees.count >= 15)
        let codes = Set(expected.joined().map(\.code))
        #expect(codes.isSuperset(of: ["KRO303", "KRO304"]))
        #expect(expected.joined().count >= 200)
    }

    @Test func treesFilledOnSeveralThreadsFindWhatFreshValidationFinds() throws {
        let cases = try Self.corpusCases.get()
        let expected = cases.map(fresh)
        var trees: [String: LiteralSchemaTree] = [:]
        for c in cases where trees[c.kind.gvk.bundleKey] == nil {
            trees[c.kind.gvk.bundleKey] = LiteralSchemaTree(root: c.kind.root, resolver: bundledSchemaStore.resolver)
        }
        let shared = trees
        let results = Results(count: cases.count)
        // Every case twice, from four threads: some fill nodes, some read nodes another filled.
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for step in 0..<(cases.count * 2) where step % 4 == thread {
                let i = step % cases.count
                let found = Self.validator.validate(template: cases[i].template, tree: shared[cases[i].kind.gvk.bundleKey]!)
                results.set(i, found)
            }
        }
        for i in cases.indices { #expect(results.get(i) == expected[i], "case \(i)") }
    }

    /// A schema that refers to itself (`$ref` back to its own definition) stays finite:
    /// nodes are made as deep as templates go.
    @Test func recursiveSchemasAreWalkedAsDeepAsTheTemplate() {
        let resolver = SchemaResolver(definitions: [
            "Node": ["type": "object", "properties": ["child": ["$ref": "#/definitions/Node"], "value": ["type": "integer"]]],
        ])
        let validator = TemplateLiteralValidator(resolver: resolver) { _ in .literal }
        let template = YAMLParser.parse(SourceText("child:\n  child:\n    child:\n      value: x\n")).documents[0].root!
        let tree = LiteralSchemaTree(root: OpenAPISchema(["$ref": "#/definitions/Node"]), resolver: resolver)
        let found = validator.validate(template: template, tree: tree)
        #expect(found.map(\.code) == ["KRO303"])
        #expect(found == validator.validate(template: template, root: OpenAPISchema(["$ref": "#/definitions/Node"])))
    }
}

/// Results written from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[TemplateLiteralValidator.Finding]?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ found: [TemplateLiteralValidator.Finding]) { lock.withLock { values[i] = found } }
    func get(_ i: Int) -> [TemplateLiteralValidator.Finding]? { lock.withLock { values[i] } }
}
