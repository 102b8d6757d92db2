@testable import KroEngine
import Testing

@Suite struct CRDFlectTests {
    /// rgd.md §15.1, every example, quirks included.
    @Test(arguments: [("webapplication", "webapplications"), ("policy", "policies"), ("database", "databases"),
                      ("status", "statuses"), ("ingress", "ingresses"), ("person", "people"), ("index", "indices"),
                      ("child", "children"), ("data", "data"), ("repo", "repoes"), ("gas", "gas"), ("api", "apis"),
                      ("dns", "dnsDNSes")])
    func specificationExamples(_ singular: String, _ plural: String) {
        #expect(Flect.pluralize(singular) == plural)
    }

    /// More of flect's own expectations (its test table) and rule-order cases.
    @Test(arguments: [("car", "cars"), ("boy", "boys"), ("axis", "axes"), ("ox", "oxen"), ("mouse", "mice"),
                      ("bus", "buses"), ("box", "boxes"), ("buzz", "buzzes"), ("quiz", "quizzes"), ("wolf", "wolves"),
                      ("knife", "knives"), ("leaf", "leaves"), ("potato", "potatoes"), ("photo", "photos"),
                      ("radio", "radios"), ("zoo", "zoos"), ("matrix", "matrices"), ("analysis", "analyses"),
                      ("datum", "data"), ("medium", "media"), ("money", "money"), ("sheep", "sheep"),
                      ("equipment", "equipment"), ("user", "users"), ("users", "users"), ("cluster", "clusters"),
                      ("webapp", "webapps"), ("redis", "redis"), ("cache", "caches"), ("key", "keys"), ("day", "days"),
                      ("", ""), ("id", "ids"), ("ip", "ips"), ("url", "urls"), ("vpc", "vpcs"), ("s3bucket", "s3buckets"),
                      ("application", "applications"), ("objectstorage", "objectstorages"), ("ekscluster", "eksclusters")])
    func flectBehaviour(_ singular: String, _ plural: String) {
        #expect(Flect.pluralize(singular) == plural)
    }

    @Test func mixedCaseWordsSplitOnTheLastPart() {
        #expect(Flect.pluralize("GoodChild") == "GoodChildren")
        #expect(Flect.pluralize("SmartPerson") == "SmartPeople")
        #expect(Flect.pluralize("node_child") == "node_children")
    }
}
