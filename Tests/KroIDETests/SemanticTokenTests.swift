import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

/// Each token of the expressions as `text:type` (modifiers after `+`), in file order.
func highlighted(_ m: MarkedText, in range: TextRange? = nil, schemaStrings: Bool = false) -> [String] {
    let source = m.source
    return SemanticTokens.tokens(snapshot(m), in: range)
        .filter { schemaStrings || ($0.type != .decorator && !isSchemaType($0, source)) }
        .map { token in
            var text = "\(source.string(in: token.range)):\(token.type.rawValue)"
            if token.modifiers.contains(.readonly) { text += "+readonly" }
            if token.modifiers.contains(.defaultLibrary) { text += "+defaultLibrary" }
            return text
        }
}

/// SimpleSchema type strings of the default schema (left out unless a test asks for them).
private func isSchemaType(_ token: SemanticToken, _ source: SourceText) -> Bool {
    token.type == .type && source.line(containing: token.range.start) < 20
}

@Suite struct SemanticTokenTests {
    @Test func classifiesResourcesSchemaFieldsFunctionsLiteralsAndOperators() {
        let m = MarkedText(rgd("""
            - id: deployment
              template:
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  a: '${deployment.spec.replicas + size(schema.spec.ports) > 2 ? "many" : ''few''}'
                  b: |-
                    ${schema.spec.name.startsWith(b"x" == b"y" ? "" : "n") && true in [true] // why
                    }
        """))
        #expect(highlighted(m) == [
            "deployment:variable+readonly", "spec:property", "replicas:property", "+:operator", "size:function",
            "schema:variable+defaultLibrary", "spec:property", "ports:property", ">:operator", "2:number", "?:operator",
            "\"many\":string", "::operator", "''few'':string",
            "schema:variable+defaultLibrary", "spec:property", "name:property", "startsWith:method", "b\"x\":string",
            "==:operator", "b\"y\":string", "?:operator", "\"\":string", "::operator", "\"n\":string", "&&:operator",
            "true:keyword", "in:keyword", "true:keyword", "// why:comment",
        ])
    }

    @Test func macrosBindParametersAndIteratorsAreParameters() {
        let m = MarkedText(rgd("""
            - id: config
              forEach:
                - port: ${schema.spec.ports}
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  a: ${string(port.number)}
                  b: ${schema.spec.ports.map(p, p.number * 2).exists(n, n > port.number)}
                  c: ${cel.bind(x, 1, x + 1)}
                  d: ${has(schema.spec.name)}
        """))
        #expect(highlighted(m) == [
            "schema:variable+defaultLibrary", "spec:property", "ports:property",
            "string:function", "port:parameter", "number:property",
            "schema:variable+defaultLibrary", "spec:property", "ports:property", "map:macro", "p:parameter",
            "p:parameter", "number:property", "*:operator", "2:number", "exists:macro", "n:parameter", "n:parameter",
            ">:operator", "port:parameter", "number:property",
            "cel:namespace", "bind:macro", "x:parameter", "1:number", "x:parameter", "+:operator", "1:number",
            "has:macro", "schema:variable+defaultLibrary", "spec:property", "name:property",
        ])
    }

    @Test func stringTemplatesHighlightOnlyWhatIsWrittenWithExactRangesAfterNonASCIIAndCRLF() {
        let text = rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: "é-☕-${«schema».«spec».«name»}-x"
        """)
        for m in [MarkedText(text), MarkedText(text).crlf] {
            let tokens = SemanticTokens.tokens(snapshot(m)).filter { $0.range.start > m.ranges[0].start - 20 }
            #expect(tokens.map(\.range) == m.ranges)
            #expect(tokens.map(\.type) == [.variable, .property, .property])
        }
    }

    @Test func multilineBlockScalarTokensAreCutAtLineBreaksAfterIndentation() {
        let text = rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  script: |
                    ${«schema».«spec».«name» +
                      «'''one»
                      «two'''» + «string»(«1»)}
        """)
        for m in [MarkedText(text), MarkedText(text).crlf] {
            let tokens = SemanticTokens.tokens(snapshot(m)).filter { $0.range.start >= m.ranges[0].start }
            let expected = m.ranges.prefix(3) + [TextRange(start: m.ranges[2].end + 1, end: m.ranges[2].end + 2)]
                + m.ranges[3...4] + [TextRange(start: m.ranges[4].end + 1, end: m.ranges[4].end + 2)] + m.ranges[5...6]
            #expect(tokens.map(\.range) == Array(expected))
            #expect(tokens.map(\.type) == [.variable, .property, .property, .operator, .string, .string, .operator, .function, .number])
        }
    }

    @Test func simpleSchemaTypesAndMarkers() {
        let m = MarkedText(rgd(schema: """
            spec:
              name: «string» | «required»=true «description»="x ☕"
              ports: "«[]Port»"
            types:
              Port:
                number: «integer»
        """, ""))
        let tokens = SemanticTokens.tokens(snapshot(m))
        #expect(tokens.map(\.range) == m.ranges)
        #expect(tokens.map(\.type) == [.type, .decorator, .decorator, .type, .type])
    }

    @Test func rangeRequestReturnsOnlyTokensTouchingTheRange() {
        let m = MarkedText(rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  a: ${schema.spec.name}
                  1️⃣b: ${schema.spec.replicas}2️⃣
                  c: ${schema.spec.image}
        """))
        #expect(highlighted(m, in: m.range(1, 2)) == ["schema:variable+defaultLibrary", "spec:property", "replicas:property"])
    }

    @Test func partialAndUnterminatedExpressionsStillHighlight() {
        let m = MarkedText(rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  a: ${schema.spec.ports.filter(x, x.
                  b: ${schema.spec.name + }
        """))
        let tokens = highlighted(m)
        #expect(tokens.starts(with: ["schema:variable+defaultLibrary", "spec:property", "ports:property", "filter:macro"]))
        #expect(tokens.suffix(4) == ["schema:variable+defaultLibrary", "spec:property", "name:property", "+:operator"])
    }
}
