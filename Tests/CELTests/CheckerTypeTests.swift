import Testing
import CEL

@Suite struct CheckerTypeTests {
    @Test func assignabilityFollowsCelGoIsAssignableType() {
        #expect(CELType.dyn.isAssignable(from: .int))
        #expect(CELType.int.isAssignable(from: .int))
        #expect(!CELType.int.isAssignable(from: .dyn))
        #expect(!CELType.int.isAssignable(from: .uint))
        #expect(CELType.list(.dyn).isAssignable(from: .list(.string)))
        #expect(!CELType.list(.string).isAssignable(from: .list(.dyn)))
        #expect(CELType.map(.string, .dyn).isAssignable(from: .map(.string, .list(.int))))
        #expect(!CELType.map(.string, .int).isAssignable(from: .map(.int, .int)))
        #expect(CELType.optional(.bool).isAssignable(from: .optional(.bool)))
        #expect(!CELType.bool.isAssignable(from: .optional(.bool)))
        #expect(!CELType.object("__type_a").isAssignable(from: .object("__type_b")))
        #expect(CELType.kubernetesQuantity.isAssignable(from: .opaque("kubernetes.Quantity", [])))
        #expect(!CELType.string.isAssignable(from: .timestamp))
    }

    @Test func typeTextParsesCelGoAndConformanceSpellings() {
        #expect(CELType(parsing: "list(int)") == .list(.int))
        #expect(CELType(parsing: "map(string, dyn)") == .map(.string, .dyn))
        #expect(CELType(parsing: "map(string,int64)") == .map(.string, .int))
        #expect(CELType(parsing: "type(int)") == .type(.int))
        #expect(CELType(parsing: "optional_type(int)") == .optional(.int))
        #expect(CELType(parsing: "null_type") == .null)
        #expect(CELType(parsing: "uint64") == .uint)
        #expect(CELType(parsing: "google.protobuf.Timestamp") == .timestamp)
        #expect(CELType(parsing: "google.protobuf.Duration") == .duration)
        #expect(CELType(parsing: "param(A)") == .typeParam("A"))
        #expect(CELType(parsing: "kubernetes.URL") == .object("kubernetes.URL"))
        #expect(CELType(parsing: "net.IP()") == .opaque("net.IP", []))
        #expect(CELType(parsing: "list(int") == nil)
        #expect(CELType(parsing: "") == nil)
        #expect(CELType(parsing: String(repeating: "list(", count: 200) + "int" + String(repeating: ")", count: 200)) == nil)
    }

    @Test func didYouMeanPrefersTranspositionsAndNearNames() {
        #expect(DidYouMean.closest(to: "nmae", among: ["name", "image", "namespace"]) == "name")
        #expect(DidYouMean.closest(to: "replica", among: ["replicas", "name"]) == "replicas")
        #expect(DidYouMean.closest(to: "xyz", among: ["name", "image"]) == nil)
        #expect(DidYouMean.closest(to: "a", among: ["b"]) == nil)
    }
}
