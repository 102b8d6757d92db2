import JSON
import Testing
import YAMLSyntax
@testable import KroEngine

/// `Preview.typeMeta` reads `apiVersion` and `kind` without converting the document, and
/// must read them exactly as the document's JSON value has them.
@Suite struct PreviewTypeMetaTests {
    static let documents = [
        "apiVersion: kro.run/v1alpha1\nkind: WebApp\nspec: {a: 1}\n",
        // Duplicate keys: the last wins.
        "apiVersion: v1\nkind: A\nkind: B\n",
        // Merge keys: explicit keys over merged ones; merged ones count.
        "base: &b {apiVersion: v9, kind: Merged}\n<<: *b\nkind: Own\n",
        "base: &b {apiVersion: v9, kind: Merged}\n<<: [*b]\n",
        // Values that are not strings are no type meta.
        "apiVersion: v1\nkind: 12\n",
        "apiVersion: v1\nkind: true\n",
        "apiVersion: [v1]\nkind: K\n",
        "apiVersion: v1\nkind: ~\n",
        // Quoted and tagged values.
        "apiVersion: \"v1\"\nkind: !!str 12\n",
        "- apiVersion: v1\n  kind: K\n",
        "just a scalar\n",
        "apiVersion: v1\n",
    ]

    @Test(arguments: documents) func readsWhatTheJSONValueHas(_ text: String) throws {
        let document = try #require(YAMLParser.parse(SourceText(text)).documents.first)
        let json = document.root?.jsonValue
        let expected: (String, String)? = json.flatMap { root in
            guard let a = root["apiVersion"]?.stringValue, let k = root["kind"]?.stringValue else { return nil }
            return (a, k)
        }
        let read = Preview.typeMeta(of: document)
        #expect(read?.apiVersion == expected?.0)
        #expect(read?.kind == expected?.1)
    }

    @Test func mergedAndOwnKeys() throws {
        let document = try #require(YAMLParser.parse(SourceText(Self.documents[2])).documents.first)
        let read = try #require(Preview.typeMeta(of: document))
        #expect(read.apiVersion == "v9")
        #expect(read.kind == "Own")
    }
}
