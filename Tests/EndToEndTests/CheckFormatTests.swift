import Foundation
import Testing

/// Every `--format` of `--check`, byte for byte, on one file with non-ASCII text before
/// the finding (so byte, UTF-16 and scalar columns differ).
@Suite struct CheckFormatTests {
    static let rgd = "# Grüße 😀\n" + CheckTestDocuments.rgd(templateSpec: "          replicas: ${schema.spec.name} # 😀\n")
    static let message = #"type mismatch in resource "deployment" at path "spec.replicas": expression "schema.spec.name" returns type "string" but expected "int": type kind mismatch: got "string", expected "int""#

    func check(_ arguments: [String], files: [String: String] = ["app.yaml": rgd]) throws -> CLIProcess.Result {
        let dir = try CLIProcess.directory(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try CLIProcess.run(["--check"] + arguments, directory: dir)
    }

    @Test func textIsOneLinePerFindingAndASummaryOnStderr() throws {
        let result = try check(["app.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout == "app.yaml:20:23: error[KRO334]: \(Self.message)\n")
        #expect(result.stderr == "checked 1 file: 1 error, 0 warnings, 0 infos\n")
    }

    @Test func textWithColorShowsTheLineAndACaret() throws {
        let result = try check(["--color", "always", "app.yaml"])
        let e = "\u{1B}["
        #expect(result.stdout == """
            \(e)1mapp.yaml:20:23:\(e)0m \(e)1;31merror[KRO334]\(e)0m: \(Self.message)
            \(e)34m 20 | \(e)0m          replicas: ${schema.spec.name} # 😀
            \(e)34m    | \(e)0m                      \(e)1;31m^^^^^^^^^^^^^^^^\(e)0m

            """)
        let plain = try check(["--color", "never", "app.yaml"])
        #expect(plain.stdout == "app.yaml:20:23: error[KRO334]: \(Self.message)\n", "not a terminal: no snippet")
    }

    @Test func jsonHasRangesInLinesColumnsBytesAndUTF16() throws {
        let result = try check(["--format", "json", "app.yaml"])
        #expect(result.status == 1)
        let escaped = Self.message.replacingOccurrences(of: "\"", with: "\\\"")
        // "# Grüße 😀\n" is 15 bytes, 11 UTF-16 units, 10 scalars.
        let start = 15 + 358, utf16Start = 11 + 358
        #expect(result.stdout == """
            {"version":1,"summary":{"files":1,"errors":1,"warnings":0,"infos":0},"diagnostics":[\
            {"file":"app.yaml","severity":"error","code":"KRO334","message":"\(escaped)",\
            "range":{"start":{"line":20,"column":23,"byteOffset":\(start),"utf16Offset":\(utf16Start)},\
            "end":{"line":20,"column":39,"byteOffset":\(start + 16),"utf16Offset":\(utf16Start + 16)}},\
            "related":[],"fixes":[]}]}

            """)
    }

    @Test func jsonCarriesRelatedPlacesAndFixes() throws {
        let dup = try CLIProcess.run(["--check", "--format", "json", "-"], stdin: "a: 1\na: 2\n")
        #expect(dup.stdout == """
            {"version":1,"summary":{"files":1,"errors":0,"warnings":1,"infos":0},"diagnostics":[\
            {"file":"<stdin>","severity":"warning","code":"KRO019","message":"duplicate key \\"a\\": the last value wins",\
            "range":{"start":{"line":2,"column":1,"byteOffset":5,"utf16Offset":5},"end":{"line":2,"column":2,"byteOffset":6,"utf16Offset":6}},\
            "related":[{"file":"<stdin>","range":{"start":{"line":1,"column":1,"byteOffset":0,"utf16Offset":0},\
            "end":{"line":1,"column":2,"byteOffset":1,"utf16Offset":1}},"message":"first \\"a\\" here"}],"fixes":[]}]}

            """)
    }

    @Test func githubAnnotations() throws {
        let result = try check(["--format", "github", "app.yaml"])
        #expect(result.stdout == "::error file=app.yaml,line=20,endLine=20,col=23,endColumn=39,title=KRO334::\(Self.message)\n")
    }

    @Test func githubEscapesMessagesAndProperties() throws {
        // A duplicate key holding %, CR, LF, ':' and ',' puts them into the message; the
        // file name puts ':' and ',' into a property.
        let yaml = "\"k%\\r\\n,:\": 1\n\"k%\\r\\n,:\": 2\n"
        let result = try check(["--format", "github", "a,b:c.yaml"], files: ["a,b:c.yaml": yaml])
        #expect(result.stdout == """
            ::warning file=a%2Cb%3Ac.yaml,line=2,endLine=2,col=1,endColumn=11,title=KRO019::duplicate key "k%25%0D%0A,:": the last value wins

            """)
    }

    @Test func sarifValidatesAgainstTheSARIF210Schema() throws {
        let result = try check(["--format", "sarif", "app.yaml"])
        #expect(result.status == 1)
        let dir = try CLIProcess.directory(["out.sarif": result.stdout])
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json").path
        let python = try CLIProcess.run(["python3", "-c", "import jsonschema, json, sys; s = json.load(open(sys.argv[1])); jsonschema.validators.validator_for(s)(s).validate(json.load(open(sys.argv[2]))); print('valid')",
                                         schema, dir.appendingPathComponent("out.sarif").path],
                                        executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(python.stdout == "valid\n", "\(python.stderr)")

        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "KRO334" })
        #expect(rules.contains { $0["id"] as? String == "KRO919" }, "the catalogue's own codes")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let first = try #require(results.first)
        #expect(first["ruleId"] as? String == "KRO334")
        #expect(first["level"] as? String == "error")
        #expect(rules[try #require(first["ruleIndex"] as? Int)]["id"] as? String == "KRO334")
        let physical = try #require(((first["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "app.yaml")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 20)
        #expect(region["startColumn"] as? Int == 23)
        #expect(region["endColumn"] as? Int == 39)
    }
}
