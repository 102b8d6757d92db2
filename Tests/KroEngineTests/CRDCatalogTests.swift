import Foundation
import JSON
import OrderedCollections
import Testing
import YAMLSyntax
@testable import KroEngine

/// Catalog files written in the script's layout, with stored (uncompressed) zlib blocks.
enum CatalogFixture {
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var rest = data[...]
        repeat {
            let block = rest.prefix(65535)
            rest = rest.dropFirst(block.count)
            let count = UInt16(block.count)
            out += [rest.isEmpty ? 1 : 0, UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8(~count >> 8)]
            out += block
        } while !rest.isEmpty
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let adler = b << 16 | a
        return out + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xff), UInt8(adler >> 8 & 0xff), UInt8(adler & 0xff)]
    }

    /// `groups`: group → "version/Kind" → {scope, schema}.
    static func catalog(_ groups: [(String, JSONValue)], source: String = "example/operator crds") -> [UInt8] {
        var index: OrderedDictionary<String, JSONValue> = [:]
        var chunks: [UInt8] = []
        for (group, kinds) in groups {
            let raw = try! JSONSerializer().serialize(kinds)
            let packed = zlibStored(raw)
            index[group] = [
                "offset": .int(Int64(chunks.count)), "length": .int(Int64(packed.count)), "size": .int(Int64(raw.count)),
                "source": 0, "kinds": .array((kinds.objectValue ?? [:]).keys.map { .string($0) }),
            ]
            chunks += packed
        }
        let header: JSONValue = [
            "sources": [["family": "example", "source": .string(source), "version": "abc123 (2026-08-01)", "licence": "MIT"]],
            "groups": .object(index),
        ]
        let headerBytes = try! JSONSerializer().serialize(header)
        let length = UInt32(headerBytes.count)
        return Array("KROCRDC1".utf8) + [UInt8(length & 0xff), UInt8(length >> 8 & 0xff), UInt8(length >> 16 & 0xff), UInt8(length >> 24)]
            + headerBytes + chunks
    }

    static let widgets: JSONValue = [
        "v1/Widget": ["scope": "Namespaced", "schema": [
            "type": "object",
            "properties": [
                "spec": ["type": "object", "properties": [
                    "size": ["type": "integer", "description": "How many."],
                    "colour": ["type": "string"],
                ]],
                "status": ["type": "object", "properties": ["endpoint": ["type": "string"]]],
            ],
        ]],
        "v1/WidgetPool": ["scope": "Cluster", "schema": ["type": "object"]],
    ]

    static let standard = catalog([("widgets.example.com", widgets), ("other.example.com", ["v1/Gadget": ["scope": "Namespaced", "schema": ["type": "object"]]])])
}

/// Counts how often a catalog's bytes are asked for (laziness).
final class LoadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var loads: Int { lock.withLock { count } }
    func load(_ bytes: [UInt8]) -> [UInt8] {
        lock.withLock { count += 1 }
        return bytes
    }
}

@Suite struct CRDCatalogTests {
    let widget = GroupVersionKind(group: "widgets.example.com", version: "v1", kind: "Widget")

    @Test func readsKindsWithScopeOriginAndObjectMeta() throws {
        let catalog = CRDCatalog { CatalogFixture.standard }
        let kind = try #require(catalog.lookup(widget))
        #expect(kind.scope == .namespaced)
        #expect(kind.root.property("spec")?.property("size")?.description == "How many.")
        #expect(kind.root.property("metadata")?.ref == "#/definitions/\(CRDSchemas.objectMetaDefinition)")
        guard case .catalog(let source) = kind.origin else { Issue.record("origin \(kind.origin)"); return }
        #expect(source.family == "example" && source.version == "abc123 (2026-08-01)")
        #expect(catalog.lookup(GroupVersionKind(group: "widgets.example.com", version: "v1", kind: "WidgetPool"))?.scope == .cluster)
        #expect(catalog.lookup(GroupVersionKind(group: "widgets.example.com", version: "v2", kind: "Widget")) == nil)
        #expect(catalog.lookup(GroupVersionKind(group: "widgets.example.com", version: "v1", kind: "widget")) == nil)
        #expect(catalog.lookup(GroupVersionKind(group: "nothing.example.com", version: "v1", kind: "Widget")) == nil)
        #expect(catalog.allKindKeys == ["other.example.com/v1/Gadget", "widgets.example.com/v1/Widget", "widgets.example.com/v1/WidgetPool"])
        #expect(catalog.problem == nil)
    }

    @Test func isReadOnlyWhenTheStoreCannotAnswer() {
        let counter = LoadCounter()
        let bundle: JSONValue = ["kubernetesVersion": "1.34.0", "kinds": ["v1/ConfigMap": "cm"], "definitions": ["cm": ["type": "object"]]]
        let store = SchemaStore(bundle: bundle).with(catalog: CRDCatalog { counter.load(CatalogFixture.standard) })
        #expect(store.lookup(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")) != nil)
        #expect(counter.loads == 0)
        #expect(store.lookup(widget) != nil)
        #expect(store.lookup(widget) != nil)
        #expect(counter.loads == 1)
    }

    @Test func userCRDsOverrideTheCatalog() throws {
        let crd: JSONValue = [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "spec": ["group": "widgets.example.com", "scope": "Namespaced", "names": ["kind": "Widget"],
                     "versions": [["name": "v1", "served": true, "schema": ["openAPIV3Schema": ["type": "object"]]]]],
        ]
        let store = SchemaStore().with(catalog: CRDCatalog { CatalogFixture.standard })
            .adding(crdKinds: CRDSchemas.kinds(in: crd, path: "widget.yaml"))
        #expect(store.lookup(widget)?.origin == .crd(path: "widget.yaml"))
        #expect(store.lookup(GroupVersionKind(group: "widgets.example.com", version: "v1", kind: "WidgetPool"))?.scope == .cluster)
    }

    @Test func damagedFilesDegradeToNoCatalog() {
        var truncated = CatalogFixture.standard
        truncated.removeLast(20)
        let cases: [[UInt8]] = [Array("not a catalog".utf8), Array(CatalogFixture.standard.prefix(40)), truncated]
        for bytes in cases {
            let catalog = CRDCatalog { bytes }
            #expect(catalog.lookup(widget) == nil)
            #expect(catalog.problem != nil)
        }
        var corrupt = CatalogFixture.standard
        corrupt[corrupt.count - 3] ^= 0xff  // the adler32 of the last group no longer matches
        let corrupted = corrupt
        let catalog = CRDCatalog { corrupted }
        #expect(catalog.lookup(GroupVersionKind(group: "widgets.example.com", version: "v1", kind: "Widget")) == nil
            || catalog.lookup(GroupVersionKind(group: "other.example.com", version: "v1", kind: "Gadget")) == nil)
        #expect(CRDCatalog { nil }.lookup(widget) == nil)
    }
}

@Suite struct CRDCatalogDiagnosticsTests {
    static let store = bundledSchemaStore.with(catalog: CRDCatalog { CatalogFixture.standard })

    static func document(_ resources: String) -> String {
        ExpressionTypeCheckTests.rgd(resources, spec: "size: integer",
                                     status: "    status:\n      endpoint: ${w.status.endpoint}")
    }

    func analyse(_ marked: MarkedText) -> [Diagnostic] {
        let options = AnalysisOptions(schemaStore: Self.store)
        return diagnostics(marked, options: options)
    }

    @Test func catalogKindsCheckCleanWithoutNoSchemaInformation() {
        let found = analyse(MarkedText(Self.document("""
          - id: w
            template:
              apiVersion: widgets.example.com/v1
              kind: Widget
              metadata:
                name: demo
              spec:
                size: ${schema.spec.size}
                colour: blue
        """)))
        #expect(found.map(\.code) == [])
    }

    @Test func errorsInCatalogKindsNameTheCatalog() throws {
        let marked = MarkedText(Self.document("""
          - id: w
            template:
              apiVersion: widgets.example.com/v1
              kind: 1️⃣Widget2️⃣
              metadata:
                name: demo
              spec:
                size: 3️⃣"three"4️⃣
                5️⃣color6️⃣: blue
          - id: c
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: demo
              data:
                url: ${w.status.7️⃣endpont8️⃣}
        """))
        let found = analyse(marked).filter { $0.severity == .error }
        let byCode = Dictionary(found.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(found.count == 3 && byCode.count == 3, "\(found)")
        #expect(byCode["KRO303"]?.range == marked.range(3, 4))
        #expect(byCode["KRO304"]?.range == marked.range(5, 6))
        #expect(byCode["KRO333"]?.range == marked.range(7, 8))
        for diagnostic in found {
            let note = try #require(diagnostic.related.first, "\(diagnostic.code) names no catalog")
            #expect(note.range == marked.range(1, 2))
            #expect(note.message.contains("CRD catalog (example: example/operator crds at abc123 (2026-08-01))"))
        }
    }
}
