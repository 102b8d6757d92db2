import JSON
import Testing
@testable import KroEngine

/// Author `status.conditions` in the preview, as kro's instance controller writes them
/// (kro integration suite `instance_custom_conditions_test.go`).
@Suite struct AuthorConditionRenderTests {
    static func rgd(_ conditions: [String], readyWhen: String = "") -> String {
        let entries = conditions.map { "  - \"${\($0)}\"" }.joined(separator: "\n")
        let gate = readyWhen.isEmpty ? "" : ", readyWhen: ['\(readyWhen)']"
        return RGDFixture.head(name: "demo", kind: "Demo", schema: "spec:\n  name: string\nstatus:\n  conditions:\n" + entries)
            + "  resources:\n  - {id: configmap\(gate), template: {apiVersion: v1, kind: ConfigMap, "
            + "metadata: {name: \"${schema.spec.name}\"}, data: {foo: \"${schema.spec.name}\"}}}\n"
    }

    static let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata: {name: demo, namespace: d}\nspec: {name: demo}\n"

    static func condition(_ type: String, _ status: String, reason: String = "") -> String {
        "runtime.newCondition({type: '\(type)', status: \(status), reason: '\(reason)', message: ''})"
    }

    func status(_ rgd: String) throws -> JSONValue {
        let result = try #require(renderPreview(rgd, Self.instance))
        return try #require(result.instance?["status"])
    }

    /// runtime.condition(schema, 'ResourcesReady') reads kro's own value: True when every
    /// resource is ready, False while one is not — even when an entry overrides that type.
    @Test func runtimeConditionOfSchemaReadsKrosBuiltins() throws {
        let mirror = Self.condition("Mirror", "runtime.condition(schema, 'ResourcesReady').status", reason: "M")
        let ready = try status(Self.rgd([mirror]))
        #expect(ready["state"] == "ACTIVE")
        #expect(ready["conditions"] == [["type": "Mirror", "status": "True", "reason": "M"]])

        let override = Self.condition("ResourcesReady", "'True'", reason: "AuthorOverride")
        let notReady = try status(Self.rgd([override, mirror], readyWhen: #"${configmap.data["ready"] == "true"}"#))
        #expect(notReady["state"] == "IN_PROGRESS")
        #expect(notReady["conditions"] == [["type": "ResourcesReady", "status": "True", "reason": "AuthorOverride"],
                                           ["type": "Mirror", "status": "False", "reason": "M"]])
    }

    /// A type computed by two entries is dropped everywhere and the instance is in ERROR;
    /// the other conditions survive.
    @Test func computedDuplicateTypesAreDroppedAndTheStateIsError() throws {
        let result = try status(Self.rgd([Self.condition("Survivor", "'True'"),
                                          Self.condition("Same-' + schema.spec.name + '", "'True'"),
                                          Self.condition("Same-' + schema.spec.name + '", "'False'")]))
        #expect(result["state"] == "ERROR")
        #expect(result["conditions"] == [["type": "Survivor", "status": "True"]])
    }
}
