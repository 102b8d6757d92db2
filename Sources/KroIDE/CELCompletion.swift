import CEL
import KroEngine

/// Completion inside `${…}`: after a `.`, the fields and methods of the receiver's type
/// (or the functions of a namespace such as `hash.`); otherwise the variables the
/// expression may reference there (rgd.md §9.1), global functions, macros and literals.
struct CELCompletion {
    let context: CELCompletionContext

    func items() -> [CompletionItem] {
        let env = context.environment
        guard let receiver = context.receiver else { return topLevel(env) }
        if let type = Self.type(of: receiver, in: env) { return members(of: type, env: env) }
        return namespaceFunctions(receiver, env: env)
    }

    /// The checked type of a receiver's text, nil when it does not type.
    static func type(of text: String, in env: CELEnvironment) -> CELType? {
        guard let parsed = CELParser().parse(text).parsed else { return nil }
        let result = Checker.check(parsed, in: env)
        guard let type = result.types[parsed.expr.id], type != .error else { return nil }
        return type
    }

    // MARK: top level

    private func topLevel(_ env: CELEnvironment) -> [CompletionItem] {
        var items = variables(env)
        for (name, function) in env.functions.sorted(by: { $0.key < $1.key }) where FunctionDocs.isCallableByName(name) {
            let globals = function.overloads.filter { !$0.isMemberFunction }
            guard let first = globals.first else { continue }
            items.append(CompletionItem(
                label: name, kind: .function, detail: first.signature(name: name),
                documentation: FunctionDocs.markdown(name: name, function.doc, globals),
                range: context.replace, newText: FunctionDocs.callSnippet(name, arguments: first.params.count),
                isSnippet: true, priority: 2))
        }
        for macro in MacroDecl.kro where !macro.isMember {
            items.append(macroItem(macro))
        }
        for literal in ["true", "false", "null"] {
            items.append(CompletionItem(label: literal, kind: .keyword, range: context.replace, priority: 3))
        }
        return items
    }

    /// What an expression of this kind may reference (rgd.md §9.1).
    private func variables(_ env: CELEnvironment) -> [CompletionItem] {
        let rgd = context.rgd
        let own = context.resource?.id?.value
        var names: [String] = []
        switch context.kind {
        case .readyWhen:
            if context.resource?.nodeType == .collection { names = ["each"] } else if let own { names = [own] }
        default:
            names = ["schema"] + rgd.rgd.resourceIDs.filter { $0 != own || context.kind == .status }
            if context.kind == .template { names += context.resource?.forEach.map(\.name.value) ?? [] }
            if context.kind == .condition { names.append("runtime") }
        }
        var seen: Set<String> = []
        // Looked up once for all the items: a search per id was quadratic in 10,000 resources.
        let resources = rgd.rgd.resourcesByID()
        let dependents = rgd.graph.dependentsByNode()
        return names.compactMap { name in
            guard seen.insert(name).inserted else { return nil }
            let type = env.variable(named: name)?.type
            return CompletionItem(label: name, kind: .variable, detail: variableDetail(resources[name], type),
                                  documentation: variableDoc(name, resources[name], dependents: dependents),
                                  range: context.replace, priority: 0)
        }
    }

    private func variableDetail(_ resource: RGDResource?, _ type: CELType?) -> String? {
        if let r = resource, let kind = ResourceDocs.kindText(r) {
            return r.nodeType.isCollection ? "list(\(kind))" : kind
        }
        return type.map(TypeDisplay.text)
    }

    private func variableDoc(_ name: String, _ resource: RGDResource?, dependents: [String: [String]]) -> String? {
        if name == "schema" { return "The instance of this RGD's kind: `schema.spec` holds the fields the user sets, `schema.metadata` its metadata." }
        if name == "each" { return "One item of this collection, in its readyWhen." }
        if let r = resource { return ResourceDocs.markdown(r, rgd: context.rgd, dependentsByNode: dependents) }
        if context.resource?.forEach.contains(where: { $0.name.value == name }) == true {
            return "forEach iterator: one element of the list it iterates."
        }
        return nil
    }

    // MARK: members

    private func members(of type: CELType, env: CELEnvironment) -> [CompletionItem] {
        var items: [CompletionItem] = []
        var fieldsOf = type
        if case .optional(let inner) = type { fieldsOf = inner }
        if case .object(let name) = fieldsOf, let object = env.typeProvider.objectType(named: name) {
            let fieldDocs = FieldDocs(types: context.rgd.typeContext.types, typeName: name)
            for field in CompletionLimit.names(object.fields.keys, typed: context.partial).sorted() {
                guard let fieldType = object.fields[field] else { continue }
                let required = fieldDocs.isRequired(field)
                items.append(CompletionItem(
                    label: field, kind: .field,
                    detail: TypeDisplay.text(fieldType) + (required ? " (required)" : ""),
                    documentation: fieldDocs.markdown(field), range: context.replace, priority: required ? 0 : 1))
            }
        }
        var byName: [String: [OverloadDecl]] = [:]
        for (name, overload) in env.memberOverloads(for: type) where FunctionDocs.isCallableByName(name) {
            // A `dyn` receiver (deepMerge) accepts anything; on a typed object it is noise.
            if case .object = fieldsOf, overload.params.first == .dyn { continue }
            byName[name, default: []].append(overload)
        }
        for (name, overloads) in byName.sorted(by: { $0.key < $1.key }) {
            let doc = env.lookupFunction(name)?.doc ?? ""
            items.append(CompletionItem(
                label: name, kind: .method, detail: overloads[0].signature(name: name),
                documentation: FunctionDocs.markdown(name: name, doc, overloads),
                range: context.replace, newText: FunctionDocs.callSnippet(name, arguments: overloads[0].params.count - 1),
                isSnippet: true, priority: 2))
        }
        for macro in MacroDecl.kro where macro.isMember && Self.macro(macro.name, appliesTo: type) {
            items.append(macroItem(macro))
        }
        return items
    }

    static func macro(_ name: String, appliesTo type: CELType) -> Bool {
        switch type {
        case .list: return !["optMap", "optFlatMap", "transformMapEntry"].contains(name)
        case .map: return !["optMap", "optFlatMap", "sortBy"].contains(name)
        case .optional: return name == "optMap" || name == "optFlatMap"
        case .dyn: return true
        default: return false
        }
    }

    private func macroItem(_ macro: MacroDecl) -> CompletionItem {
        CompletionItem(label: macro.name, kind: .macro, detail: macro.signatures.first,
                       documentation: FunctionDocs.markdown(macro), range: context.replace,
                       newText: "\(macro.name)(\(macro.snippetArguments))", isSnippet: true, priority: 2)
    }

    /// After `hash.`, `optional.`, `cel.`: the functions and macros named under it.
    private func namespaceFunctions(_ namespace: String, env: CELEnvironment) -> [CompletionItem] {
        let prefix = namespace + "."
        var items: [CompletionItem] = []
        for (name, function) in env.functions.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix) && FunctionDocs.isCallableByName(name) {
            let short = String(name.dropFirst(prefix.count))
            guard !short.contains("."), let first = function.overloads.first else { continue }
            items.append(CompletionItem(
                label: short, kind: .function, detail: first.signature(name: name),
                documentation: FunctionDocs.markdown(name: name, function.doc, function.overloads),
                range: context.replace, newText: FunctionDocs.callSnippet(short, arguments: first.params.count), isSnippet: true))
        }
        for macro in MacroDecl.kro where macro.name.hasPrefix(prefix) {
            var item = macroItem(macro)
            item.label = String(macro.name.dropFirst(prefix.count))
            item.newText = "\(item.label)(\(macro.snippetArguments))"
            items.append(item)
        }
        return items
    }
}
