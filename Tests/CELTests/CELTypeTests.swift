import Testing
import CEL

@Test func typeNamesUseCelGoSpelling() {
    #expect(CELType.map(.string, .list(.int)).description == "map(string, list(int))")
    #expect(CELType.timestamp.description == "google.protobuf.Timestamp")
    #expect(CELType.optional(.bool).description == "optional_type(bool)")
    #expect(CELType.null.description == "null_type")
}
