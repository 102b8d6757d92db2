import Testing
import YAMLSyntax
@testable import KroEngine

/// KRO001 anchored where the author must act, with a hint for the usual cause.
@Suite struct YAMLErrorHintTests {
    func kro001(_ marked: MarkedText) -> Diagnostic? {
        diagnostics(marked).first { $0.code == "KRO001" }
    }

    func expect(_ text: String, hint: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let marked = MarkedText(text)
        let d = kro001(marked)
        #expect(d?.range == marked.range(1, 2), "\(String(describing: d))", sourceLocation: sourceLocation)
        #expect(d?.message.hasPrefix(hint) == true, "\(String(describing: d?.message))", sourceLocation: sourceLocation)
    }

    @Test func anUnclosedFlowMappingPointsAtItsBrace() {
        let marked = MarkedText("a:\n  data: 1️⃣{2️⃣x: 1, y: 2\n  other3️⃣: z\n")
        let d = kro001(marked)
        #expect(d?.range == marked.range(1, 2))
        #expect(d?.message.hasPrefix("this '{' is never closed (did not find expected ',' or '}'") == true)
        #expect(d?.related.first?.range.start == marked.offsets[3])
    }

    @Test func anUnclosedSequenceOrQuotePointsAtItsOpener() {
        expect("a:\n  list: 1️⃣[2️⃣1, 2\n  other: z\n", hint: "this '[' is never closed")
        expect("a:\n  x: 1️⃣\"2️⃣abc\n  y: 2\n", hint: "this quote is never closed")
    }

    @Test func aTabIsNamed() {
        expect("a:\n1️⃣\t2️⃣x: 1\n", hint: "a tab: YAML indents with spaces only")
    }

    @Test func anUnquotedConditionalExpressionIsNamed() {
        expect("a:\n  x: ${a ? b 1️⃣:2️⃣ c}\n", hint: "an unquoted ${…} containing \": \" is read as a mapping")
    }

    @Test func brokenIndentationPointsAtTheLineThatBrokeIt() {
        expect("a:\n  x: 1\n 1️⃣y: 22️⃣\n", hint: "this line's indentation does not line up")
        expect("a:\n  x: 1\n    y1️⃣:2️⃣ 2\n", hint: "this line is indented deeper than the line above")
        expect("metadata:\n  name: a1️⃣:2️⃣ b\n", hint: "a plain value cannot contain \": \"; quote the value")
    }

    @Test func manifestsPastedWithoutASeparatorAreNamed() {
        let marked = MarkedText("apiVersion: v1\nkind: A\n1️⃣apiVersion2️⃣: v2\n")
        let d = diagnostics(marked).first { $0.code == "KRO019" }
        #expect(d?.range == marked.range(1, 2))
        #expect(d?.message.hasSuffix("two manifests pasted without a \"---\" line between them?") == true)
        let nested = MarkedText("a:\n  kind: A\n  kind: B\n")
        #expect(diagnostics(nested).first { $0.code == "KRO019" }?.message == "duplicate key \"kind\": the last value wins")
    }
}
