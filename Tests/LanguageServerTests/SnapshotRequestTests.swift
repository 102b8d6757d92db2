import Foundation
import JSON
import Testing
@testable import LanguageServer

/// Requests read the snapshot of the version current when they arrive, never re-analyse,
/// and fail with ContentModified when an edit supersedes it (a re-analysis of the same
/// text does not).
@Suite struct SnapshotRequestTests {
    let uri = "file:///demo.yaml"

    func makeServer() -> Server {
        let server = Server(writer: FrameWriter(fd: open("/dev/null", O_WRONLY)), logLevel: .error)
        _ = server.handle(.success(.request(id: .int(1), method: "initialize", params: ["capabilities": [:]])))
        server.handleNotification(method: "initialized", params: [:])
        return server
    }

    func text(_ name: String) -> String {
        "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: \(name)\nspec: {}\n"
    }

    /// A request answering the snapshot's version and RGD name.
    func versionRequest(_ server: Server) throws -> @Sendable () async -> Result<Payload, ResponseError> {
        let reply = try server.snapshotRequest(["textDocument": ["uri": .string(uri)]]) { request in
            let name = request.snapshot.rgds.first?.rgd.name?.value ?? ""
            return [.int(Int64(request.snapshot.version)), .string(name)]
        }
        guard case .later(let work) = reply else { Issue.record("expected an answer off the reader"); return { .success(.tree(.null)) } }
        return work
    }

    @Test func aRequestReadsTheSnapshotOfTheCurrentVersion() async throws {
        let server = makeServer()
        server.didOpen(["textDocument": ["uri": .string(uri), "version": 1, "languageId": "yaml", "text": .string(text("one"))]])
        let first = try versionRequest(server)
        #expect(try await first().get() == .tree([1, "one"]))

        server.didChange(["textDocument": ["uri": .string(uri), "version": 2],
                          "contentChanges": [["text": .string(text("two"))]]])
        let second = try versionRequest(server)
        #expect(try await second().get() == .tree([2, "two"]))
    }

    @Test func anEditBeforeTheAnswerIsContentModified() async throws {
        let server = makeServer()
        server.didOpen(["textDocument": ["uri": .string(uri), "version": 1, "languageId": "yaml", "text": .string(text("one"))]])
        let stale = try versionRequest(server)
        server.didChange(["textDocument": ["uri": .string(uri), "version": 2],
                          "contentChanges": [["text": .string(text("two"))]]])
        let result = await stale()
        #expect(throws: ResponseError(code: ResponseError.contentModified,
                                      message: "Content modified: the document changed during the request")) { try result.get() }
    }

    @Test func aReanalysisOfTheSameTextAnswersFromTheNewRun() async throws {
        let server = makeServer()
        server.didOpen(["textDocument": ["uri": .string(uri), "version": 1, "languageId": "yaml", "text": .string(text("one"))]])
        let request = try versionRequest(server)
        // What a CRD or configuration change does to every open document.
        server.reanalyzeAll()
        server.reanalyzeAll()
        #expect(try await request().get() == .tree([1, "one"]))
        let newest = server.withState { $0.analyses.completed[uri]?.generation }
        #expect(newest == server.withState { $0.analyses.current[uri] })
    }

    @Test func anEditAfterAReanalysisIsStillContentModified() async throws {
        let server = makeServer()
        server.didOpen(["textDocument": ["uri": .string(uri), "version": 1, "languageId": "yaml", "text": .string(text("one"))]])
        let stale = try versionRequest(server)
        server.reanalyzeAll()
        server.didChange(["textDocument": ["uri": .string(uri), "version": 2],
                          "contentChanges": [["text": .string(text("two"))]]])
        server.reanalyzeAll()
        let result = await stale()
        #expect(throws: ResponseError(code: ResponseError.contentModified,
                                      message: "Content modified: the document changed during the request")) { try result.get() }
        // Asked after the edit, the same request sees the new text through the reanalysis.
        #expect(try await versionRequest(server)().get() == .tree([2, "two"]))
    }

    @Test func anUnopenedDocumentIsInvalidParams() {
        let server = makeServer()
        #expect(throws: ResponseError.self) { _ = try versionRequest(server) }
    }
}
