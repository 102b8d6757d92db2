import JSON
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// An RGD analysis makes its CRD once, and again after a change; chained kinds made from
/// the same definitions in any order are equal.
@Suite struct GeneratedCRDMemoTests {
    func analysis(_ text: String) throws -> RGDAnalysis {
        try #require(DocumentAnalyzer.analyze(SourceText(text), options: .bundled).rgds.first)
    }

    func crdName(_ a: RGDAnalysis) -> String? { a.generatedCRD?.result.crd["metadata"]?["name"]?.stringValue }

    @Test func aChangedAnalysisMakesItsCRDAgain() throws {
        let database = try analysis(ChainingFixtures.database())
        let widget = try analysis(ChainingFixtures.database().replacingOccurrences(of: "kind: Database", with: "kind: Widget"))
        #expect(crdName(database) == "databases.kro.run")
        var changed = database
        changed.rgd = widget.rgd
        changed.instanceSchema = widget.instanceSchema
        #expect(crdName(changed) == "widgets.kro.run")
        // The copy it was made from keeps its own.
        #expect(crdName(database) == "databases.kro.run")
        #expect(changed.generatedCRD?.result.crd == widget.generatedCRD?.result.crd)
    }

    /// Two RGDs of one name at one location (a file checked twice, then edited) are ordered
    /// by their CRDs' text, whatever order they come in.
    @Test func tiesAreOrderedByTheCRDs() throws {
        let a = ChainedKinds.Definition(rgdName: "x", location: "f.yaml", crd: ["kind": "CustomResourceDefinition", "spec": ["a": 1]])
        let b = ChainedKinds.Definition(rgdName: "x", location: "f.yaml", crd: ["kind": "CustomResourceDefinition", "spec": ["b": 1]])
        let c = ChainedKinds.Definition(rgdName: "w", location: "g.yaml", crd: ["kind": "CustomResourceDefinition"])
        let orders = [[a, b, c], [b, c, a], [c, b, a]].map { ChainedKinds(definitions: $0) }
        #expect(orders.allSatisfy { $0 == orders[0] })
        #expect(orders.allSatisfy { $0.definitions.map(\.crd) == [c.crd, a.crd, b.crd] })
    }

    /// Copies of one RGD, their CRDs made apart, are one definition: the kind is typed from
    /// it. A CRD of the same kind that differs makes the kind ambiguous.
    @Test func copiesMadeApartAreOneDefinitionADifferentOneIsNot() throws {
        let gvk = GroupVersionKind(group: "kro.run", version: "v1alpha1", kind: "Database")
        let copies = try (0..<3).map { k in
            let crd = try #require(analysis(ChainingFixtures.database()).generatedCRD?.result.crd)
            return ChainedKinds.Definition(rgdName: "database", location: "copy\(k).yaml", content: CRDContent(crd))
        }
        #expect(copies[0].content !== copies[1].content && copies[0] != copies[1])
        let view = ChainedKinds(definitions: copies)
        #expect(view.lookup(gvk, own: nil)?.origin == .rgd(name: "database"))
        #expect(view.definers(ofAmbiguous: gvk).isEmpty)

        let bigger = try #require(analysis(ChainingFixtures.database().replacingOccurrences(of: "size: integer | default=1",
                                                                                              with: "size: integer | default=2"))
            .generatedCRD?.result.crd)
        let other = ChainedKinds.Definition(rgdName: "database", location: "other.yaml", crd: bigger)
        let mixed = ChainedKinds(definitions: copies + [other])
        #expect(mixed.lookup(gvk, own: nil) == nil)
        #expect(mixed.definers(ofAmbiguous: gvk) == ["\"database\" (copy0.yaml)", "\"database\" (copy1.yaml)",
                                                     "\"database\" (copy2.yaml)", "\"database\" (other.yaml)"])
        // Equal definitions made apart are equal views, hashed alike.
        let again = ChainedKinds(definitions: try (0..<3).map { k in
            let crd = try #require(analysis(ChainingFixtures.database()).generatedCRD?.result.crd)
            return ChainedKinds.Definition(rgdName: "database", location: "copy\(k).yaml", crd: crd)
        })
        #expect(again == view && again.hashValue == view.hashValue)
        #expect(mixed != view)
    }

    /// A view's copies share its identity; an equal view made apart has another.
    @Test func copiesShareAnIdentityEqualValuesMadeApartDoNot() {
        let d = ChainedKinds.Definition(rgdName: "x", location: "f.yaml", crd: ["kind": "CustomResourceDefinition"])
        let view = ChainedKinds(definitions: [d])
        let copy = view
        let apart = ChainedKinds(definitions: [d])
        #expect(copy.identity == view.identity)
        #expect(apart == view && apart.identity != view.identity)
    }
}
