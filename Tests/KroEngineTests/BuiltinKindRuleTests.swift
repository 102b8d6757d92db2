import Testing
import YAMLSyntax
@testable import KroEngine

/// KRO218 for kinds and versions of built-in API groups Kubernetes does not serve (no CRD
/// can), with did-you-mean and fixes; KRO224 for `${…}` outside metadata of a CRD template.
@Suite struct BuiltinKindRuleTests {
    func resource(_ apiVersion: String, _ kind: String, body: String = "") -> MarkedText {
        MarkedText(rgd("""
          resources:
          - id: thing
            template:
              apiVersion: \(apiVersion)
              kind: \(kind)
              metadata:
                name: x
        \(body)
        """))
    }

    func only(_ code: String, _ marked: MarkedText) -> [Diagnostic] {
        diagnostics(marked).filter { $0.code == code }
    }

    func applying(_ fix: DiagnosticFix, to marked: MarkedText) -> String {
        var bytes = Array(marked.text.utf8)
        for edit in fix.edits.sorted(by: { $0.range.start > $1.range.start }) {
            bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aKindInTheWrongBuiltinGroupPointsAtTheApiVersionAndOffersTheRightOne() throws {
        let marked = resource("1️⃣v12️⃣", "Deployment")
        let found = only("KRO218", marked)
        #expect(found.map(\.range) == [marked.range(1, 2)])
        let d = try #require(found.first)
        #expect(d.severity == .error)
        #expect(d.message.contains("failed to get schema for resource thing"))
        #expect(d.message.contains("did you mean apiVersion \"apps/v1\""))
        let fix = try #require(d.fixes.first)
        #expect(applying(fix, to: marked).contains("apiVersion: apps/v1\n"))
        #expect(only("KRO905", marked).isEmpty)
    }

    @Test func aRemovedVersionOfABuiltinKindIsAnError() throws {
        let marked = resource("1️⃣batch/v1beta12️⃣", "CronJob")
        let d = try #require(only("KRO218", marked).first)
        #expect(d.range == marked.range(1, 2))
        #expect(d.message.contains("\"batch/v1\""))
        #expect(d.fixes.first?.edits.map(\.newText) == ["batch/v1"])
    }

    @Test func aMisspeltBuiltinKindSuggestsTheBundleKind() throws {
        let marked = resource("apps/v1", "1️⃣Deploymnt2️⃣")
        let d = try #require(only("KRO218", marked).first)
        #expect(d.range == marked.range(1, 2))
        #expect(d.message.contains("\"Deployment\""))
        #expect(applying(try #require(d.fixes.first), to: marked).contains("kind: Deployment\n"))
        // Case only: `ingress` in the core group is networking.k8s.io/v1 Ingress.
        let lower = resource("1️⃣v12️⃣", "ingress")
        let fix = try #require(only("KRO218", lower).first?.fixes.first)
        #expect(applying(fix, to: lower).contains("apiVersion: networking.k8s.io/v1\n      kind: Ingress\n"))
    }

    @Test func dotlessGroupsAndCoveredK8sGroupsAreBuiltinButOthersMayBeCRDs() {
        #expect(only("KRO218", resource("extensions/v1beta1", "Ingress")).count == 1)
        #expect(only("KRO218", resource("networking.k8s.io/v1beta1", "Ingress")).count == 1)
        #expect(only("KRO218", resource("v1", "Wibble")).first?.fixes.isEmpty == true)
        // A group with a dot that the bundle does not cover may be served by a CRD.
        #expect(only("KRO218", resource("example.com/v1", "Deployment")).isEmpty)
        #expect(only("KRO905", resource("example.com/v1", "Deployment")).count == 1)
        #expect(only("KRO218", resource("metrics.k8s.io/v1beta1", "PodMetrics")).isEmpty)
        // Feature-gated versions Kubernetes 1.34 serves stay silent; so does v1 Binding.
        #expect(only("KRO218", resource("networking.k8s.io/v1beta1", "ServiceCIDR")).isEmpty)
        #expect(only("KRO218", resource("v1", "Binding")).isEmpty)
        #expect(diagnostics(resource("apps/v1", "Deployment")).filter { $0.severity == .error }.isEmpty)
    }

    @Test func externalRefsOfUnservedKindsAreErrorsToo() {
        let marked = MarkedText(rgd("""
          resources:
          - id: ref
            externalRef:
              apiVersion: 1️⃣v12️⃣
              kind: StatefulSet
              metadata: {name: x}
        """))
        #expect(only("KRO218", marked).map(\.range) == [marked.range(1, 2)])
    }

    @Test func crdTemplatesAcceptExpressionsOnlyBelowMetadata() {
        let marked = MarkedText(rgd("""
          resources:
          - id: crd
            template:
              apiVersion: apiextensions.k8s.io/v1
              kind: CustomResourceDefinition
              metadata:
                name: ${schema.spec.name}
                labels: {team: "${schema.spec.name}"}
              spec:
                group: 1️⃣${schema.spec.name}2️⃣
                names: {kind: Thing, plural: things}
                scope: Namespaced
                versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema: {type: object, description: "x-3️⃣${schema.spec.name}4️⃣"}
        """))
        let found = only("KRO224", marked)
        #expect(found.map(\.range) == [marked.range(1, 2), marked.range(3, 4)])
        #expect(found.first?.message == "CEL expressions in CRDs are only supported for metadata fields, found in path \"spec.group\", resource crd")
        #expect(found.last?.message.contains("spec.versions[0].schema.openAPIV3Schema.description") == true)
    }
}
