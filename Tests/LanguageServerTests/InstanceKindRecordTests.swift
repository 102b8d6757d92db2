import KroEngine
import Testing
@testable import LanguageServer

/// The kinds the open RGD files define, kept as each file's kinds change: a kind stays
/// known while any file defines it, and a change is reported only when the set changes.
@Suite struct InstanceKindRecordTests {
    @Test func aKindIsKnownWhileAnyFileDefinesIt() {
        var open = OpenInstanceKinds()
        let a = GroupVersionKind(group: "kro.run", version: "v1alpha1", kind: "A")
        let b = GroupVersionKind(group: "kro.run", version: "v1alpha1", kind: "B")
        func record(_ kinds: Set<GroupVersionKind>, _ uri: String) -> Bool { open.record(kinds, of: uri) }
        #expect(record([a], "one"))
        #expect(!record([a], "two"), "already known")
        #expect(open.known == [a])
        #expect(record([b], "one"), "b is new; a is still two's")
        #expect(open.known == [a, b])
        #expect(record([], "two"), "no file defines a any more")
        #expect(open.known == [b])
        #expect(!record([b], "one"))
        #expect(record([], "one"))
        #expect(open.known.isEmpty)
        #expect(open.byURI.isEmpty)
    }
}
