import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct KroFileDetectionTests {
    func claimed(_ text: String, instanceKinds: Set<GroupVersionKind> = []) -> Bool {
        KroFileDetection.isKroFile(YAMLParser.parse(SourceText(text)), instanceKinds: instanceKinds)
    }

    static let demo = GroupVersionKind(group: "kro.run", version: "v1alpha1", kind: "Demo")

    @Test func anRGDInAnyDocumentIsKros() {
        #expect(claimed(rgd("  resources: []\n")))
        #expect(claimed("apiVersion: v1\nkind: ConfigMap\n---\napiVersion: \"kro.run/v1alpha1\"\nkind: 'ResourceGraphDefinition'\n"))
        // Any kro.run version: a future one is still an author's RGD.
        #expect(claimed("apiVersion: kro.run/v1beta1\nkind: ResourceGraphDefinition\n"))
    }

    @Test func plainManifestsAreNotKros() {
        #expect(!claimed("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"))
        #expect(!claimed(""))
        // An instance of kro's group is not an RGD, and a kro kind under another group is not either.
        #expect(!claimed("apiVersion: kro.run/v1alpha1\nkind: Demo\n"))
        #expect(!claimed("apiVersion: example.com/v1\nkind: ResourceGraphDefinition\n"))
        // An RGD quoted inside a string value is not a document of the file.
        #expect(!claimed("apiVersion: v1\nkind: ConfigMap\ndata:\n  rgd: |\n    apiVersion: kro.run/v1alpha1\n    kind: ResourceGraphDefinition\n"))
    }

    @Test func aHelmTemplateIsNotKros() {
        let helm = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "chart.fullname" . }}
            spec:
              {{- if .Values.replicas }}
              replicas: {{ .Values.replicas }}
              {{- end }}
            """
        #expect(!claimed(helm))
    }

    @Test func anRGDThatFailsToParseIsJudgedByItsText() {
        let broken = "apiVersion: kro.run/v1alpha1 # the API\r\nkind: \"ResourceGraphDefinition\"\r\nspec: [\r\n"
        #expect(!YAMLParser.parse(SourceText(broken)).errors.isEmpty)
        #expect(claimed(broken))
        #expect(claimed("apiVersion: 'kro.run/v1alpha1'\rkind:\tResourceGraphDefinition  \rspec: [\r"))
        #expect(claimed("x: 1\n---\napiVersion: kro.run/v1\nkind: ResourceGraphDefinition # it is\nspec: ["))
        #expect(!claimed("apiVersionX: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nspec: [\n"))
        // The two lines must belong to one document.
        #expect(!claimed("apiVersion: kro.run/v1alpha1\n---\nkind: ResourceGraphDefinition\nspec: [\n"))
        // Nested keys are a resource's, not the document's.
        #expect(!claimed("items:\n  apiVersion: kro.run/v1alpha1\n  kind: ResourceGraphDefinition\nspec: [\n"))
        #expect(!claimed("apiVersion: v1\nkind: ConfigMap\ndata: [\n"))
    }

    @Test func theModelineClaimsAnyFile() {
        #expect(claimed("# kro-lsp\na: 1\n"))
        #expect(claimed("# kro-lsp instance of Demo\r\na: [\r\n"))
        #expect(claimed("\u{FEFF}# kro-lsp\na: 1\n"))
        #expect(claimed("# kro-lsp"))
        #expect(!claimed("# kro-lspx\na: 1\n"))
        #expect(!claimed("a: 1\n# kro-lsp\n"))
        #expect(!claimed("#kro-lsp\na: 1\n"))
    }

    @Test func instancesOfKnownKindsAreKros() {
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata: {name: d}\nspec: {name: x}\n"
        #expect(claimed(instance, instanceKinds: [Self.demo]))
        #expect(!claimed(instance, instanceKinds: [GroupVersionKind(group: "kro.run", version: "v1", kind: "Demo")]))
        #expect(!claimed(instance))
    }

    @Test func anRGDDefinesItsInstanceKind() throws {
        let analysis = try #require(rgdAnalysis(rgd("  resources: []\n")))
        #expect(KroFileDetection.instanceKind(of: analysis.rgd) == Self.demo)
        let grouped = rgd("  resources: []\n").replacingOccurrences(of: "kind: Demo", with: "kind: Demo\n    group: example.com")
        let other = try #require(rgdAnalysis(grouped))
        #expect(KroFileDetection.instanceKind(of: other.rgd) == GroupVersionKind(group: "example.com", version: "v1alpha1", kind: "Demo"))
    }
}
