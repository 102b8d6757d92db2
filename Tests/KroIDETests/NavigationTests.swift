import KroIDE
import KroTestSupport
import Testing

@Suite struct NavigationTests {
    @Test func definitionOfResourceIdSchemaFieldAndTemplateField() {
        checkDefinition(rgd("""
            - id: «deployment»
              template:
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
            - id: service
              template:
                apiVersion: v1
                kind: Service
                metadata:
                  name: "svc-${deploy$0ment.metadata.name}"
        """))
        checkDefinition(rgd(schema: "    spec:\n      «name»: string", """
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${schema.spec.na$0me}
        """))
        checkDefinition(rgd("""
            - id: deployment
              template:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  «replicas»: 2
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  n: ${string(deployment.spec.repl$0icas)}
        """))
    }

    @Test func referencesIncludeTemplatesConditionsAndStatus() {
        let text = rgd(schema: """
            spec:
              «enabled»: boolean
            status:
              on: ${schema.spec.«enabled»}
        """, """
            - id: config
              includeWhen:
                - ${schema.spec.«enab$0led»}
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  flag: "is ${string(schema.spec.«enabled»)}"
        """)
        checkReferences(text)
        let m = MarkedText(text)
        #expect(Navigation.highlights(snapshot(m), at: m.position).filter(\.isDefinition).map(\.range) == [m.ranges[0]])
    }
}

@Suite struct RenameTests {
    static let text = rgd("""
        - id: deploy$0ment
          readyWhen:
            - ${deployment.status.availableReplicas > 0}
          template:
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
        - id: service
          includeWhen:
            - ${deployment.spec.replicas > 0}
          template:
            apiVersion: v1
            kind: Service
            metadata:
              name: "svc-${deployment.metadata.name}"
    """)

    @Test func resourceIdEverywhere() {
        checkRename(Self.text, to: "web", expected: Self.text.replacingOccurrences(of: "deploy$0ment", with: "web")
            .replacingOccurrences(of: "deployment", with: "web"))
    }

    @Test func refusesReservedInvalidAndTakenNames() {
        checkRenameRefused(Self.text, to: "schema")
        checkRenameRefused(Self.text, to: "Web")
        checkRenameRefused(Self.text, to: "service")
        checkRenameRefused(Self.text, to: "in")
        let m = MarkedText(Self.text.replacingOccurrences(of: "deploy$0ment", with: "deployment").replacingOccurrences(of: "kind: Service", with: "k$0ind: Service"))
        if case .success = Rename.prepare(snapshot(m), at: m.position) { Issue.record("a YAML key is not renamable") }
    }

    /// A name over `Rename.maxNameLength` is refused before any use is looked up (the
    /// answer would hold it once per use); one at the limit is accepted.
    @Test func refusesNamesOverTheLengthLimit() {
        let m = MarkedText(Self.text)
        let long = String(repeating: "a", count: Rename.maxNameLength + 1)
        #expect(Rename.edits(snapshot(m), at: m.position, newName: long)
                == .failure(.tooLong(Rename.maxNameLength + 1)))
        #expect(Rename.Refusal.tooLong(257).description == "a name of 257 bytes is over kro-lsp's limit of 256 bytes")
        let accented = String(repeating: "é", count: Rename.maxNameLength / 2 + 1)  // 258 bytes
        #expect(Rename.edits(snapshot(m), at: m.position, newName: accented) == .failure(.tooLong(258)))
        let atLimit = String(repeating: "a", count: Rename.maxNameLength)
        #expect((try? Rename.edits(snapshot(m), at: m.position, newName: atLimit).get())?.allSatisfy { $0.newText == atLimit } == true)
    }

    @Test func schemaFieldInExpressionsAndDefinition() {
        let text = rgd(schema: "    spec:\n      name: string\n      other: string", """
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${schema.spec.na$0me}
                data:
                  a: "x-${schema.spec.name}"
        """)
        checkRename(text, to: "appName", expected: text.replacingOccurrences(of: "name: string", with: "appName: string")
            .replacingOccurrences(of: "schema.spec.na$0me", with: "schema.spec.appName")
            .replacingOccurrences(of: "schema.spec.name", with: "schema.spec.appName"))
        checkRenameRefused(text, to: "other")
        checkRenameRefused(text, to: "1x")
    }
}

@Suite struct DocumentSymbolTests {
    @Test func schemaTreeTypesAndResourcesPerDocument() {
        let one = rgd("""
            - id: deployment
              template:
                apiVersion: apps/v1
                kind: Deployment
        """)
        let m = MarkedText(one + "\n---\n" + one.replacingOccurrences(of: "web-app", with: "second"))
        let outline = DocumentSymbols.outline(snapshot(m))
        #expect(outline.map(\.name) == ["web-app", "second"])
        let children = outline[0].children
        #expect(children.map(\.name) == ["schema", "Port", "deployment"])
        #expect(children[0].children.map(\.name) == ["name", "replicas", "image", "ports", "labels"])
        #expect(children[1].children.map(\.name) == ["number", "protocol"])
        #expect(children[2].detail == "apps/v1 Deployment")
        // Clients refuse a symbol whose selection lies outside its range (found by fuzzing).
        #expect(children.allSatisfy { $0.range.start <= $0.selectionRange.start && $0.selectionRange.end <= $0.range.end })
        let schema = children[0].range
        #expect(String(decoding: Array(m.text.utf8)[schema.start..<schema.end], as: UTF8.self).hasPrefix("schema:\n"))
        let found = DocumentSymbols.workspace([("a", snapshot(m))], query: "DEPLOY")
        #expect(found.count == 2 && found.allSatisfy { $0.symbol.name == "deployment" })
        // The whole name matches; a query longer than every name matches nothing.
        #expect(DocumentSymbols.workspace([("a", snapshot(m))], query: "Deployment").count == 2)
        #expect(DocumentSymbols.workspace([("a", snapshot(m))], query: "deployment!").isEmpty)
        #expect(DocumentSymbols.workspace([("a", snapshot(m))], query: String(repeating: "é", count: 100_000)).isEmpty)
        // The answer stops at the limit, in the order of the files.
        let all = DocumentSymbols.workspace([("a", snapshot(m)), ("b", snapshot(m))], query: "")
        let first = DocumentSymbols.workspace([("a", snapshot(m)), ("b", snapshot(m))], query: "", limit: all.count / 2 + 1)
        #expect(first.count == all.count / 2 + 1)
        #expect(first.map { "\($0.uri) \($0.symbol.name)" } == all.prefix(first.count).map { "\($0.uri) \($0.symbol.name)" })
        #expect(first.last?.uri == "b")
    }

    /// Name, then the children's outlines in brackets.
    func shape(_ s: DocumentSymbol) -> String {
        s.children.isEmpty ? s.name : s.name + "[" + s.children.map(shape).joined(separator: " ") + "]"
    }

    /// Each field's nested fields sit under it, in the order written, at every depth (they
    /// are grouped under their ancestor in one pass).
    @Test func nestedFieldsSitUnderTheirParentsInOrder() throws {
        let text = rgd(schema: """
            spec:
              name: string
              db:
                size: integer
                backup:
                  enabled: boolean
                  window: string
                host: string
              port: integer
            types:
              Port:
                number: integer
                proto:
                  name: string
        """, """
          - id: config
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: x
        """)
        let root = try #require(DocumentSymbols.outline(snapshot(MarkedText(text))).first)
        #expect(root.children.map(shape) == [
            "schema[name db[size backup[enabled window] host] port]",
            "Port[number proto[name]]",
            "config",
        ])
        #expect(root.children[0].children.first { $0.name == "db" }?.kind == .field)
        #expect(root.children[1].kind == .type)
    }
}
