import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

/// A config map whose data value `a` is `value` (markers allowed).
private func configMap(_ value: String) -> String {
    rgd("""
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            data:
              a: \(value)
    """)
}

/// Signature help at `$0`: the active signature's label, the active parameter's text in it.
private func active(_ text: String, crlf: Bool = false) -> (label: String, parameter: String?, count: Int)? {
    let m = crlf ? MarkedText(text).crlf : MarkedText(text)
    guard let help = SignatureHelp.help(snapshot(m), at: m.position) else { return nil }
    let signature = help.signatures[help.activeSignature]
    let units = Array(signature.label.utf16)
    let parameter = signature.parameters.indices.contains(help.activeParameter)
        ? String(decoding: units[signature.parameters[help.activeParameter]], as: UTF16.self) : nil
    return (signature.label, parameter, help.signatures.count)
}

@Suite struct SignatureHelpTests {
    @Test func memberFunctionAndActiveArgument() {
        let first = active(configMap("${schema.spec.name.replace($0)}"))
        #expect(first?.label == "string.replace(string, string) -> string")
        #expect(first?.parameter == "string")
        let help = SignatureHelp.help(snapshot(MarkedText(configMap("${schema.spec.name.replace('a', $0)}"))),
                                      at: MarkedText(configMap("${schema.spec.name.replace('a', $0)}")).position)
        #expect(help?.activeParameter == 1)
        #expect(help?.signatures.allSatisfy { $0.label.hasPrefix("string.replace(") } == true)
        #expect(help?.signatures.first?.documentation.contains("Examples:") == true)
    }

    @Test func theOverloadTheCheckerResolvedIsActive() {
        #expect(active(configMap("${string(int($0'3'))}"))?.label == "int(string) -> int")
        #expect(active(configMap("${string(int($0double(schema.spec.replicas) * 2.5))}"))?.label == "int(double) -> int")
    }

    @Test func macrosPickTheFormWithEnoughArguments() {
        let two = active(configMap("${schema.spec.ports.map(p, $0)}"))
        #expect(two?.label == "list(A).map(x, transform) -> list(B)")
        #expect(two?.parameter == "transform")
        let three = active(configMap("${schema.spec.ports.map(p, p.number > 1, $0)}"))
        #expect(three?.label == "list(A).map(x, filter, transform) -> list(B)")
        #expect(three?.parameter == "transform")
        let bind = active(configMap("${cel.bind(x, 1, $0)}"))
        #expect(bind?.label == "cel.bind(name, value, expression) -> T")
        #expect(bind?.parameter == "expression")
        #expect(active(configMap("${has($0)}"))?.parameter == "a.field")
    }

    @Test func bracketsAndStringsInsideArgumentsDoNotCount() {
        let list = active(configMap("${size([1, 2, (3), $0])}"))
        #expect(list?.label.hasPrefix("size(") == true)
        #expect(list?.parameter != nil)
        let help = SignatureHelp.help(snapshot(MarkedText(configMap("${schema.spec.name.replace(',(', $0)}"))),
                                      at: MarkedText(configMap("${schema.spec.name.replace(',(', $0)}")).position)
        #expect(help?.activeParameter == 1)
        let parameters = active(configMap("${schema.spec.labels.transformMapEntry($0)}"))
        #expect(parameters?.label == "map(K, V).transformMapEntry(k, v, entry) -> map(K2, V2)")
        #expect(parameters?.parameter == "k")
    }

    @Test func stringTemplatesNonASCIIAndCRLF() {
        for crlf in [false, true] {
            let found = active(configMap("\"é☕ ${string(schema.spec.replicas$0)} ☕\""), crlf: crlf)
            #expect(found?.label.hasPrefix("string(") == true)
            #expect(found?.parameter != nil)
        }
    }

    @Test func whileTheCallIsTypedCharacterByCharacter() {
        let call = "${schema.spec.name.replace('a', 'b')"
        var labels: [String?] = []
        for end in call.indices.dropFirst(2) where call[..<end].hasSuffix("(") || call[..<end].hasSuffix(" ") {
            labels.append(active(configMap(String(call[..<end]) + "$0"))?.parameter)
        }
        // After `replace(` and after `'a', `: the first, then the second parameter of the one form.
        #expect(labels == ["string", "string"])
        let typed = SignatureHelp.help(snapshot(MarkedText(configMap("${schema.spec.name.replace('a', $0"))),
                                       at: MarkedText(configMap("${schema.spec.name.replace('a', $0")).position)
        #expect(typed?.activeParameter == 1)
    }

    @Test func nothingOutsideACall() {
        #expect(active(configMap("${schema.spec.name$0}")) == nil)
        #expect(active(configMap("${size(schema.spec.name)$0}")) == nil)
        #expect(active(configMap("\"a(${schema.spec.name$0}\"")) == nil)
        #expect(active(configMap("plain($0")) == nil)
    }
}
