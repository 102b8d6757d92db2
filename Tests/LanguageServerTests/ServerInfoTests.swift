import Testing
import LanguageServer

@Test func serverIsNamedAfterTheExecutable() {
    #expect(LanguageServerInfo.name == "kro-lsp")
}
