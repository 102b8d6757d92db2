import CEL
import Testing
import YAMLSyntax
@testable import KroEngine

/// While an expression is typed it does not parse; the snapshot still has a tree whose
/// prefix is typed, so completion after `${schema.spec.` knows the fields.
@Suite struct SnapshotPartialTests {
    func document(_ value: String) -> MarkedText {
        MarkedText("""
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: demo
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Demo
            spec:
              name: string
              replicas: integer
          resources:
          - id: web
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: \(value)
        """)
    }

    /// The fields the type of the selected operand has, at marker 1.
    func completionFields(_ m: MarkedText) throws -> [String] {
        let s = DocumentSnapshot.analyze(m.source, options: .bundled)
        let at = s.lookup(at: m.offsets[1]!)
        let expression = try #require(at.expression)
        #expect(expression.isPartial)
        let node = try #require(at.node)
        #expect(node.isMissing)
        guard case .select(let operand, _, _) = node.kind, case .object(let name)? = expression.type(of: operand) else {
            Issue.record("no typed operand at the cursor"); return []
        }
        let fields = expression.environment?.typeProvider.objectType(named: name)?.fields.keys
        return fields.map { Array($0).sorted() } ?? []
    }

    @Test(arguments: ["${schema.spec.1️⃣}", "\"a-${schema.spec.1️⃣}\"", "${schema.spec.1️⃣", "\"a-${schema.spec.1️⃣\""])
    func afterADotTheOperandIsTyped(value: String) throws {
        #expect(try completionFields(document(value)) == ["name", "replicas"])
    }

    @Test func anUnterminatedExpressionAddsNoFindingsButItsWarning() {
        let m = document("${schema.spec.1️⃣")
        let codes = DocumentSnapshot.analyze(m.source, options: .bundled).diagnostics.map(\.code)
        #expect(codes.filter { $0.hasPrefix("KRO3") }.isEmpty)
        #expect(codes.contains("KRO901"))
    }

    @Test func aPartialTreeReportsOnlyItsSyntaxError() {
        let m = document("${schema.spec.1️⃣}")
        let errors = DocumentSnapshot.analyze(m.source, options: .bundled).diagnostics.filter { $0.severity == .error }.map(\.code)
        #expect(errors == ["KRO310"])
    }

    @Test func anOpenCallIsTypedUpToTheCursor() throws {
        let m = document("${string(schema.spec.replicas, 1️⃣}")
        let s = DocumentSnapshot.analyze(m.source, options: .bundled)
        let at = s.lookup(at: m.offsets[1]!)
        let call = try #require(at.astPath.first)
        guard case .call(nil, "string", let args) = call.kind else { Issue.record("not the call: \(call)"); return }
        #expect(args.count == 2)
        #expect(at.expression?.type(of: args[0]) == .int)
    }
}
