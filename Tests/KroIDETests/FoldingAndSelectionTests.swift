import KroEngine
@testable import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax

@Suite struct FoldingRangeTests {
    static let text = "# kro-lsp fixture ☕\n# second comment line\n"
        + RGDFixture.head(name: "démo", kind: "Demo", schema: "spec:\n  name: string") + """
      resources:
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            data:
              script: |
                ${schema.spec.name +
                  "é"}

        - id: other
          template: {apiVersion: v1,
            kind: ConfigMap}
    """

    @Test func resourcesSchemaSectionsTemplatesBlockScalarsAndComments() {
        for m in [MarkedText(Self.text), MarkedText(Self.text).crlf] {
            let folds = FoldingRanges.ranges(snapshot(m)).map { "\($0.startLine)-\($0.endLine)\($0.kind == .comment ? "#" : "")" }
            #expect(folds == ["0-1#", "4-5", "6-24", "7-11", "10-11", "12-24", "13-20", "14-20", "17-20", "18-20", "22-24", "23-24"])
        }
    }

    @Test func oneFoldPerStartLineTheOutermostARegionBeforeAComment() {
        var folds = [(5, 6, FoldingRange.Kind.comment), (1, 3, .region), (5, 6, .region), (1, 9, .region), (5, 7, .comment),
                     (1, 9, .comment), (0, 2, .region)]
            .map { FoldingRange(startLine: $0.0, endLine: $0.1, kind: $0.2) }
        let kept = FoldingRanges.outermostPerStartLine(&folds).map { "\($0.startLine)-\($0.endLine)\($0.kind == .comment ? "#" : "")" }
        #expect(kept == ["0-2", "1-9", "5-7#"])
    }
}

@Suite struct SelectionRangeTests {
    @Test func fromTheCELNameOutToTheYAMLEntries() {
        let text = rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                «data:
                  «k: «"«é «${««schema.spec.«na$0me»» + 'x'»}»»"»»»
        """)
        for m in [MarkedText(text), MarkedText(text).crlf] {
            let chain = SelectionRanges.ranges(snapshot(m), at: m.position)
            #expect(Array(chain.prefix(m.ranges.count)) == m.ranges.reversed())
            #expect(zip(chain, chain.dropFirst()).allSatisfy { $1.start <= $0.start && $0.end <= $1.end && $0 != $1 })
            #expect(chain.last?.start == 0)
        }
    }

    @Test func onAKeyAndInsideAMacro() {
        let key = MarkedText(rgd("""
            - id: config
              template:
                «apiVersion: v1
                ««ki$0nd»: ConfigMap»»
        """))
        #expect(Array(SelectionRanges.ranges(snapshot(key), at: key.position).prefix(3)) == key.ranges.reversed())
        let macro = MarkedText(rgd("""
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                data:
                  k: ${string(«schema.spec.ports.map(p, ««p».number» * 2)»)}
        """))
        let chain = SelectionRanges.ranges(snapshot(macro), at: macro.ranges[2].start + 1)
        #expect(Array(chain.prefix(2)) == [macro.ranges[2], macro.ranges[1]])
        #expect(chain.contains(macro.ranges[0]))
    }
}
