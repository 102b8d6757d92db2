import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

/// Completion and hover of `spec` fields in instance files, from the RGD's generated CRD.
@Suite struct InstanceFieldTests {
    static let rgdText = AddMissingFieldFixTests.instanceRGD

    var openRGDs: [RGDAnalysis] { DocumentAnalyzer.analyze(SourceText(Self.rgdText), options: .bundled).rgds }

    @Test func specKeysComeFromTheSchemaRequiredFirstAndWrittenOnesLeftOut() {
        let text = "apiVersion: kro.run/v1alpha1\nkind: App\nmetadata:\n  name: café\nspec:\n  size: 4\n  $0\n"
        for m in [MarkedText(text), MarkedText(text).crlf] {
            let items = Completion.items(snapshot(m), at: m.position, openRGDs: openRGDs)
            #expect(items.map(\.label).sorted() == ["name", "ports"])
            let name = items.first { $0.label == "name" }
            #expect(name?.detail == "string (required)" && name?.priority == 0)
            #expect(items.first { $0.label == "ports" }?.priority == 1)
            #expect(items.allSatisfy { $0.range == TextRange(start: m.position, end: m.position) })
        }
    }

    @Test func listItemsOfACustomTypeOfferItsFields() {
        let m = MarkedText("apiVersion: kro.run/v1alpha1\nkind: App\nmetadata:\n  name: a\nspec:\n  ports:\n    - number: 80\n      pro$0\n")
        let items = Completion.items(snapshot(m), at: m.position, openRGDs: openRGDs)
        #expect(items.map(\.label) == ["protocol"])
        #expect(items.first?.range == TextRange(start: m.position - 3, end: m.position))  // replaces `pro`
    }

    @Test func anRGDInTheSameFileTypesItsInstance() {
        let m = MarkedText(Self.rgdText + "\n---\napiVersion: kro.run/v1alpha1\nkind: App\nmetadata:\n  name: a\nspec:\n  $0\n")
        #expect(Completion.items(snapshot(m), at: m.position).map(\.label).sorted() == ["name", "ports", "size"])
    }

    @Test func aDocumentOfAnotherKindGetsNoInstanceFields() {
        let m = MarkedText("apiVersion: kro.run/v1alpha1\nkind: Other\nmetadata:\n  name: a\nspec:\n  $0\n")
        #expect(Completion.items(snapshot(m), at: m.position, openRGDs: openRGDs).isEmpty)
    }

    @Test func hoverOnASpecKeyShowsTypeLimitsAndRequired() throws {
        let text = "apiVersion: kro.run/v1alpha1\nkind: App\nmetadata:\n  name: é\nspec:\n  «si$0ze»: 4\n  ports:\n    - «num1️⃣ber»: 1\n"
        for m in [MarkedText(text), MarkedText(text).crlf] {
            let size = try #require(Hover.info(snapshot(m), at: m.position, openRGDs: openRGDs))
            #expect(size.markdown.hasPrefix("**spec.size: `integer`**"))
            #expect(size.markdown.contains("required") && size.markdown.contains("minimum: `3`"))
            #expect(size.range == m.ranges[0])
            let number = try #require(Hover.info(snapshot(m), at: m.offsets[1]!, openRGDs: openRGDs))
            #expect(number.markdown.hasPrefix("**spec.ports[0].number: `integer`**") && number.range == m.ranges[1])
        }
    }
}
