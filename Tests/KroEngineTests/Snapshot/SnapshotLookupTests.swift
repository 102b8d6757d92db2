import CEL
import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct SnapshotLookupTests {
    @Test(arguments: [false, true]) func lookupInsideAnExpressionFindsNodeTypeAndSymbol(crlf: Bool) throws {
        let (s, m) = SnapshotFixture.snapshot(crlf: crlf)
        let at = s.lookup(at: m.offsets[5]! + 2)
        let expression = try #require(at.expression)
        #expect(expression.expression.form == .stringTemplate)
        let node = try #require(at.node)
        guard case .select(_, "name", false) = node.kind else { Issue.record("not the `name` selection: \(node)"); return }
        #expect(at.type == .string)
        #expect(s.source.string(in: expression.fileRange(of: node)) == "schema.spec.name")
        #expect(at.symbol?.id == SymbolID(kind: .schemaField, qualifiedName: "spec.name"))
        // The chain above the selection: the template's concatenation, then the selection.
        #expect(at.astPath.count >= 2)
    }

    @Test func celOffsetsMapBothWays() throws {
        let (s, m) = SnapshotFixture.snapshot()
        let at = s.lookup(at: m.offsets[4]!)
        let expression = try #require(at.expression)
        #expect(expression.celText == "schema.spec.name")
        #expect(at.celOffset == 12)
        #expect(expression.fileRange(SourceSpan(start: 12, end: 16)) == TextRange(start: m.offsets[4]!, end: m.offsets[4]! + 4))
    }

    @Test func typesOfEveryNodeAreKept() throws {
        let (s, m) = SnapshotFixture.snapshot()
        let at = s.lookup(at: m.offsets[6]!)
        let expression = try #require(at.expression)
        #expect(at.astPath.first.flatMap(expression.type(of:)) == .string)
        #expect(at.type == .int)
        // `schema.spec.ports[0]` is a Port object, `schema.spec.ports` a list of them.
        guard case .select(let index, "number", _)? = at.node?.kind, case .call(_, _, let args) = index.kind else {
            Issue.record("unexpected tree"); return
        }
        guard case .object? = expression.type(of: index) else { Issue.record("not an object: \(String(describing: expression.type(of: index)))"); return }
        #expect(expression.type(of: args[0]) == .list(expression.type(of: index)!))
    }

    @Test func yamlPathNamesTheKeysDownToTheScalar() throws {
        let (s, m) = SnapshotFixture.snapshot()
        let at = s.lookup(at: m.offsets[4]!)
        #expect(at.yamlKeys == [.key("spec"), .key("resources"), .index(0), .key("template"), .key("metadata"), .key("name")])
        #expect(at.yamlPath.last?.isOnKey == false)
        let onKey = s.lookup(at: m.offsets[1]! + 1)
        #expect(onKey.yamlPath.last?.isOnKey == true)
        #expect(onKey.yamlNode?.scalar?.value == "name")
        #expect(onKey.expression == nil)
    }

    @Test func outsideTheDollarBracesThereIsNoCELNode() {
        let (s, m) = SnapshotFixture.snapshot()
        // In `"hé-${web…}"`, on the literal `h`.
        let at = s.lookup(at: m.offsets[7]! - 5)
        #expect(at.expression == nil)
        #expect(at.node == nil)
        #expect(at.rgd != nil)
    }

    @Test func eachDocumentOfAStreamHasItsRGD() throws {
        let m = MarkedText(SnapshotFixture.marked + "\n---\n" + SnapshotFixture.marked.replacingOccurrences(of: "name: demo", with: "name: 0️⃣second"))
        let s = DocumentSnapshot.analyze(m.source, options: .bundled)
        #expect(s.rgds.count == 2)
        #expect(s.rgd(at: m.offsets[0]!)?.rgd.name?.value == "second")
        #expect(s.rgd(at: 5)?.rgd.name?.value == "demo")
        #expect(s.version == 0)
    }

    @Test func snapshotDiagnosticsAreTheAnalysis() {
        let (s, m) = SnapshotFixture.snapshot()
        #expect(s.diagnostics == DocumentAnalyzer.analyze(m.source, options: .bundled).diagnostics)
        #expect(s.version == 7)
    }
}
