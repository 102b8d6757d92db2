import Testing
@testable import CEL

/// Every function, overload and macro of kro's environment carries docs and examples, and
/// every example is real: it parses, type-checks and calls the overload it illustrates.
@Suite struct DeclarationDocsTests {
    let env = CELEnvironment.kro()

    @Test func everyFunctionHasDocsAndEveryOverloadAnExample() {
        for (name, function) in env.functions {
            #expect(!function.doc.isEmpty, "\(name) has no doc")
            for overload in function.overloads {
                #expect(!overload.examples.isEmpty, "\(name) overload \(overload.id) has no example")
            }
        }
    }

    @Test func everyExampleTypeChecksAndCallsItsOverload() {
        for (name, function) in env.functions {
            for overload in function.overloads {
                for example in overload.examples {
                    let parsed = CELParser().parse(example)
                    guard let tree = parsed.parsed else {
                        Issue.record("\(overload.id) example \(example) does not parse: \(parsed.issues)")
                        continue
                    }
                    let checked = Checker.check(tree, in: env)
                    #expect(checked.issues.isEmpty, "\(overload.id) example \(example): \(checked.issues.map(\.message))")
                    let called = checked.references.values.contains { $0.name == name && $0.overloadIDs.contains(overload.id) }
                    #expect(called, "\(overload.id) example \(example) does not call \(name) (\(overload.id))")
                }
            }
        }
    }

    @Test func everyMacroHasDocsAndCheckedExamples() {
        #expect(MacroDecl.kro.count >= 10)
        for macro in MacroDecl.kro {
            #expect(!macro.doc.isEmpty && !macro.signatures.isEmpty && !macro.examples.isEmpty, "\(macro.name)")
            for example in macro.examples {
                let parsed = CELParser().parse(example)
                guard let tree = parsed.parsed else {
                    Issue.record("macro \(macro.name) example \(example) does not parse")
                    continue
                }
                #expect(!tree.macroCalls.isEmpty, "macro \(macro.name) example \(example) expands no macro")
                #expect(Checker.check(tree, in: env).issues.isEmpty, "macro \(macro.name) example \(example)")
            }
        }
    }

    @Test func signaturesReadAsCallsAndOperators() {
        let contains = env.lookupFunction("contains")!.overloads[0]
        #expect(contains.signature(name: "contains") == "string.contains(string) -> bool")
        let size = env.lookupFunction("size")!.overloads.first { $0.id == "size_list" }!
        #expect(size.signature(name: "size") == "size(list(A)) -> int")
        let add = env.lookupFunction(Operator.add)!.overloads.first { $0.id == "add_int64" }!
        #expect(add.signature(name: Operator.add) == "int + int -> int")
        let index = env.lookupFunction(Operator.index)!.overloads.first { $0.id == "index_list" }!
        #expect(index.signature(name: Operator.index) == "list(A)[int] -> A")
    }

    @Test func functionsDeclaredByTwoLibrariesKeepBothDocs() {
        let indexOf = env.lookupFunction("indexOf")!
        #expect(indexOf.doc.contains("substring") && indexOf.doc.contains("element equal"))
    }
}
