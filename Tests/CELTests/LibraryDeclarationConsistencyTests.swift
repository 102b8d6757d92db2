import Testing
@testable import CEL

/// The checker's declarations (celcheck) and the runtime table (celrun + libraries) must
/// agree: every function kro's environment declares can be called at runtime.
@Suite struct LibraryDeclarationConsistencyTests {
    @Test func everyKubernetesAndKroDeclarationHasARuntimeOverload() {
        let libraries: [CELLibraryDeclarations] = [
            .kubernetesLists, .kubernetesURLs, .kubernetesRegex, .kubernetesQuantity, .kubernetesIP,
            .kubernetesCIDR, .kubernetesSemver, .kroRandom, .kroMaps, .kroJSON, .kroHash, .kroLists,
            .kroOmit, .kroRuntime,
        ]
        for library in libraries {
            for function in library.functions {
                let runtime = FunctionTable.kro.overloads(named: function.name)
                #expect(!runtime.isEmpty, "\(library.name): \(function.name) has no runtime implementation")
                // Member and global forms must both exist where declared.
                for o in function.overloads {
                    #expect(runtime.contains { $0.isMember == o.isMemberFunction },
                            "\(library.name): \(function.name) (\(o.id)) lacks a \(o.isMemberFunction ? "member" : "global") runtime overload")
                }
            }
        }
    }
}
