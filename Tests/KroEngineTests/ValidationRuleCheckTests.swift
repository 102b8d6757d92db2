import Testing
import YAMLSyntax
@testable import KroEngine

/// KRO508: `validation` markers compiled as the API server compiles the generated CRD's
/// `x-kubernetes-validations` (Kubernetes CEL, `self` typed from the field).
@Suite struct ValidationRuleCheckTests {
    /// `fields` continue the header's `spec` (after `name: string`); `types` follow it.
    func doc(_ fields: String, types: String = "") -> MarkedText {
        MarkedText(rgd(fields + "\n" + types))
    }

    func kro508(_ marked: MarkedText) -> [Diagnostic] { diagnostics(marked).filter { $0.code == "KRO508" } }

    @Test func aRuleThatDoesNotParseIsReportedAtTheEndOfTheRule() {
        let marked = doc("      size: integer | validation=\"self <1️⃣\"2️⃣")
        let found = kro508(marked)
        #expect(found.count == 1)
        #expect(found.first?.range.start == marked.offsets[1])
        #expect(found.first?.message.hasPrefix("spec.size: x-kubernetes-validations[0].rule: Invalid value: \"self <\": compilation failed: ") == true)
    }

    @Test func aRuleThatDoesNotTypeCheckAgainstTheFieldTypeIsReported() {
        let marked = doc("      size: integer | validation=\"self.1️⃣startsWith2️⃣('a')\"")
        let found = kro508(marked)
        #expect(found.map(\.range) == [marked.range(1, 2)], "\(found.map(\.message))")
        #expect(found.first?.message.contains("startsWith") == true)
    }

    @Test func objectFieldsAndCustomTypesTypeSelfFromTheirSchema() {
        let types = """
            types:
              Port:
                number: integer
                label: string
        """
        let good = doc("      port: Port | validation=\"self.number > 0 && self.label != ''\"\n      names: \"[]string | validation=\\\"self.all(n, n.size() < 10)\\\"\"", types: types)
        #expect(kro508(good).isEmpty, "\(kro508(good).map(\.message))")
        let bad = doc("      port: Port | validation=\"self.1️⃣nmber2️⃣ > 0\"", types: types)
        #expect(kro508(bad).map(\.range) == [bad.range(1, 2)])
    }

    @Test func aRuleMustReturnABool() {
        let marked = doc("      title: string | validation=1️⃣\"self.size()\"2️⃣")
        let found = kro508(marked)
        #expect(found.map(\.range) == [marked.range(1, 2)])
        #expect(found.first?.message.hasSuffix("cel expression must evaluate to a bool, got int") == true)
    }

    @Test func validRulesAndKubernetesOnlyLibrariesStaySilent() {
        let marked = doc("""
              title: string | validation="self.matches('^[a-z]+$') && oldSelf == self"
              cpu: string | validation="isQuantity(self) && quantity(self).isLessThan(quantity('4'))"
              host: string | validation="format.dns1123Label().validate(self).hasValue() == false"
        """)
        #expect(kro508(marked).isEmpty, "\(kro508(marked).map(\.message))")
    }
}
