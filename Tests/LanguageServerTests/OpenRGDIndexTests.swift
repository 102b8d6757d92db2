import KroEngine
import KroTestSupport
import Testing
import YAMLSyntax
@testable import LanguageServer

/// The open documents' RGDs, indexed by the kinds they define and read.
@Suite struct OpenRGDIndexTests {
    static let options = AnalysisOptions.bundled

    func snapshot(_ text: String) -> DocumentSnapshot { DocumentSnapshot.analyze(SourceText(text), options: Self.options) }
    func rgds(_ text: String) -> InstanceRGDs { InstanceRGDs(snapshot(text).rgds.map(\.analysis)) }

    static let database = ChainingFixtures.database()
    static let app = ChainingFixtures.app("").text
    static let other = ChainingFixtures.reader("other", kind: "Other", id: "w", reads: "Widget")
    static let databaseKey = "kro.run/v1alpha1/Database"

    @Test func definersAreFoundByTheKindsAnAnalysisReads() {
        var index = OpenRGDIndex()
        let added = index.record(rgds(Self.database), of: "file:///db.yaml")
        #expect(added)
        _ = index.record(rgds(Self.other), of: "file:///other.yaml")
        let again = index.record(rgds(Self.database), of: "file:///db.yaml")
        #expect(!again, "the same CRDs again")
        #expect(index.definedKeys(of: "file:///db.yaml") == [Self.databaseKey])

        let chaining = index.others(than: "file:///app.yaml").chaining
        #expect(chaining.rounds == 2)
        #expect(chaining.lookup(0, nil).isEmpty, "round 0 sees no other RGD")
        #expect(chaining.lookup(1, [Self.databaseKey]).map(\.location) == ["/db.yaml"])
        #expect(chaining.lookup(1, ["kro.run/v1alpha1/Nothing"]).isEmpty)
        #expect(chaining.lookup(3, nil).map(\.location) == ["/db.yaml", "/other.yaml"])
        // A document does not see its own RGDs.
        #expect(index.others(than: "file:///db.yaml").chaining.lookup(1, [Self.databaseKey]).isEmpty)
        #expect(index.others(than: "file:///db.yaml").rgds.count == 1)

        let removed = index.record(InstanceRGDs([]), of: "file:///db.yaml")
        #expect(removed)
        #expect(index.definedKeys(of: "file:///db.yaml").isEmpty)
        #expect(index.others(than: "file:///app.yaml").chaining.lookup(1, [Self.databaseKey]).isEmpty)
    }

    @Test func readersAndInstanceFilesAreFoundByTheKindsThatChanged() {
        var index = OpenRGDIndex()
        index.recordReads(snapshot(Self.app), of: "file:///app.yaml")
        index.recordReads(snapshot(Self.database), of: "file:///db.yaml")
        index.recordReads(snapshot("apiVersion: kro.run/v1alpha1\nkind: Database\nmetadata: {name: d}\n"), of: "file:///i.yaml")
        #expect(index.readers(of: [Self.databaseKey]) == ["file:///app.yaml"])
        #expect(index.readers(of: ["kro.run/v1alpha1/Nothing"]).isEmpty)
        #expect(index.withOtherYAML == ["file:///i.yaml"])

        // The app stops reading the kind; the instance file is closed.
        index.recordReads(snapshot(Self.database), of: "file:///app.yaml")
        index.recordReads(nil, of: "file:///i.yaml")
        #expect(index.readers(of: [Self.databaseKey]).isEmpty)
        #expect(index.withOtherYAML.isEmpty)
    }
}
