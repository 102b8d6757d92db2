import CEL
import KroEngine
import YAMLSyntax

/// Hover text (Markdown) and the range it describes.
public struct HoverInfo: Sendable, Hashable {
    public var markdown: String
    public var range: TextRange
}

/// Hover at a byte offset: a symbol (resource id, schema field, iterator, custom type),
/// a CEL function, a field of a `${<id>.…}` path, any other sub-expression (its inferred
/// type), a template key (the Kubernetes or CRD field), a SimpleSchema marker.
public enum Hover {
    /// `openRGDs`: the RGDs of other open files, whose instances get hover on `spec` fields.
    public static func info(_ snapshot: DocumentSnapshot, at offset: Int, openRGDs: [RGDAnalysis] = []) -> HoverInfo? {
        let at = snapshot.lookup(at: offset)
        guard let rgd = at.rgd else {
            return InstanceFields.hover(snapshot, at: offset, rgds: openRGDs + snapshot.rgds.map(\.analysis))
        }
        if let expression = at.expression, let node = at.node, let info = cel(node, at: at, in: expression, rgd: rgd) {
            return info
        }
        if let occurrence = at.occurrence, let symbol = at.symbol {
            return HoverInfo(markdown: symbolMarkdown(symbol, rgd: rgd, source: snapshot.source), range: occurrence.range)
        }
        if let info = marker(at: offset, rgd: rgd) { return info }
        return templateKey(at, rgd: rgd)
    }

    // MARK: CEL

    private static func cel(_ node: Expr, at: SnapshotLookup, in e: SnapshotExpression, rgd: RGDSnapshot) -> HoverInfo? {
        let env = e.environment ?? rgd.typeContext.environment
        let celOffset = at.celOffset ?? 0
        // A macro's name: its expansion's generated nodes cover the whole call.
        for n in at.astPath.reversed() {
            guard let call = e.parsed?.macroCalls[n.id], case .call(_, let name, _) = call.kind,
                  let span = call.nameSpan, span.start <= celOffset, celOffset <= span.end,
                  let macro = MacroDecl.kro.first(where: { $0.name == name }) else { continue }
            return HoverInfo(markdown: FunctionDocs.markdown(macro), range: e.fileRange(span))
        }
        switch node.kind {
        case .call(_, let function, _):
            guard let nameSpan = node.nameSpan, nameSpan.start <= celOffset, celOffset <= nameSpan.end else { break }
            let name = e.reference(of: node)?.name ?? function
            if let decl = env.lookupFunction(name) {
                let ids = Set(e.reference(of: node)?.overloadIDs ?? [])
                let overloads = ids.isEmpty ? decl.overloads : decl.overloads.filter { ids.contains($0.id) }
                return HoverInfo(markdown: FunctionDocs.markdown(name: name, decl.doc, overloads), range: e.fileRange(nameSpan))
            }
            if let macro = MacroDecl.kro.first(where: { $0.name == function }) {
                return HoverInfo(markdown: FunctionDocs.markdown(macro), range: e.fileRange(nameSpan))
            }
        case .select(let operand, let field, _):
            // A symbol use (schema field) is described by its symbol below; other fields by
            // their schema.
            if at.occurrence != nil { return nil }
            var text = "```cel\n\(field): \(e.type(of: node).map(TypeDisplay.text) ?? "?")\n```"
            if case .object(let name)? = unwrapOptional(e.type(of: operand)),
               let docs = FieldDocs(types: rgd.typeContext.types, typeName: name).markdown(field) {
                text += "\n\n" + docs
            }
            return HoverInfo(markdown: text, range: e.fileRange(node.nameSpan ?? node.span))
        default:
            break
        }
        if at.occurrence != nil { return nil }
        guard let type = e.type(of: node) else { return nil }
        return HoverInfo(markdown: "```cel\n\(TypeDisplay.text(type))\n```", range: e.fileRange(of: node))
    }

    private static func unwrapOptional(_ t: CELType?) -> CELType? {
        if case .optional(let inner)? = t { return inner }
        return t
    }

    // MARK: symbols

    static func symbolMarkdown(_ symbol: Symbol, rgd: RGDSnapshot, source: SourceText) -> String {
        switch symbol.kind {
        case .resource:
            guard let r = rgd.rgd.resource(withID: symbol.name) else { return "resource `\(symbol.name)`" }
            return ResourceDocs.markdown(r, rgd: rgd, source: source)
        case .iterator:
            let owner = symbol.id.qualifiedName.split(separator: ".").first.map(String.init) ?? "?"
            return "**\(symbol.name)**: forEach iterator of `\(owner)`, one element of the list it iterates"
        case .customType:
            let schema = rgd.instanceSchema.customTypes[symbol.name].flatMap(OpenAPISchema.init(json:))
            return "**\(symbol.name)**: custom type" + (schema.map { "\n\n" + SchemaDocs.markdown($0, required: false) } ?? "")
        case .schemaField:
            let name = symbol.id.qualifiedName
            guard let field = rgd.instanceSchema.fields.first(where: { fieldName($0) == name }) else {
                return "**\(name)**: not declared in the schema"
            }
            var text = "**schema.\(name)**"
            if let t = field.typeText { text += ": " + SchemaDocs.code(t) }
            if let schema = field.schema.flatMap(OpenAPISchema.init(json:)) {
                text += "\n\n" + SchemaDocs.markdown(schema, required: field.isRequired)
            }
            if !field.markers.isEmpty {
                text += "\n\nmarkers: " + field.markers.map { SchemaDocs.code("\($0.key)=\($0.value)") }.joined(separator: " ")
            }
            return text
        }
    }

    static func fieldName(_ f: SimpleSchemaField) -> String {
        (f.block == .spec ? "spec." : "types.") + f.path.joined(separator: ".")
    }

    // MARK: YAML

    private static func marker(at offset: Int, rgd: RGDSnapshot) -> HoverInfo? {
        for field in rgd.instanceSchema.fields where field.valueRange.touches(offset) {
            for m in field.markers where m.keyRange.touches(offset) {
                guard let doc = SimpleSchemaCompletion.markers.first(where: { $0.name == m.key })?.doc else { continue }
                return HoverInfo(markdown: "**\(m.key)** (SimpleSchema marker)\n\n" + doc, range: m.keyRange)
            }
        }
        return nil
    }

    /// A key inside a template: the field of the kind's schema at that path.
    private static func templateKey(_ at: SnapshotLookup, rgd: RGDSnapshot) -> HoverInfo? {
        guard let last = at.yamlPath.last, last.isOnKey, let keyNode = last.keyNode else { return nil }
        let keys = at.yamlKeys
        guard keys.count >= 5, keys[0] == .key("spec"), keys[1] == .key("resources"), case .index(let i) = keys[2],
              keys[3] == .key("template"), i < rgd.rgd.resources.count, let id = rgd.rgd.resources[i].id?.value,
              var schema = rgd.typeContext.types.roots[SchemaTypeProvider.rootTypeName(forVariable: id)] else { return nil }
        let resolver = rgd.typeContext.types.resolver
        var parent = schema
        var name = ""
        for key in keys.dropFirst(4) {
            schema = resolver.resolve(schema)
            switch key {
            case .index:
                guard let items = schema.items else { return nil }
                schema = items
            case .key(let k):
                guard let child = schema.property(k) else { return nil }
                parent = schema
                name = k
                schema = child
            }
        }
        let required = resolver.resolve(parent).required.contains(name)
        return HoverInfo(markdown: SchemaDocs.markdown(resolver.resolve(schema), required: required, title: name), range: keyNode.range)
    }
}
