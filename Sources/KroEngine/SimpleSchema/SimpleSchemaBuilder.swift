import JSON
import OrderedCollections
import YAMLSyntax

typealias JSONObject = OrderedDictionary<String, JSONValue>

/// Builds the instance `spec` OpenAPI schema from `spec.schema.spec` and
/// `spec.schema.types` exactly as kro does (simpleschema.md), reporting every error at
/// the token it concerns instead of stopping at the first.
public enum SimpleSchemaBuilder {
    /// `keepsFields`: whether the result lists the fields (for editor requests).
    public static func build(spec: YAMLNode?, types: YAMLNode?, keepsFields: Bool = true) -> SimpleSchemaResult {
        var builder = SchemaBuildState(fields: FieldRecords(keeps: keepsFields))
        builder.loadCustomTypes(types)
        builder.inlinedFields = 0  // `spec` has a budget of its own
        var schema: JSONObject = ["type": "object", "properties": .object([:])]
        if case .mapping(let mapping)? = spec.map(YAMLValueKind.init) {
            schema = builder.buildObject(mapping, context: FieldContext(block: .spec))
        }
        let customTypes = builder.customTypes.mapValues { JSONValue.object($0.schema).sortedKeys() }
        // Sorted in place: a sorted copy held every field twice.
        builder.diagnostics.sort { ($0.range, $0.code) < ($1.range, $1.code) }
        builder.fields.sortBySource()
        return SimpleSchemaResult(schema: JSONValue.object(schema).sortedKeys(), fields: builder.fields.all,
                                  keepsFields: keepsFields, customTypes: customTypes, diagnostics: builder.diagnostics)
    }
}

/// Where a field sits, for kro's error wrapping (`building schema for T: field a: …`).
struct FieldContext {
    var block: SimpleSchemaField.Block
    var typeName: String?
    var chain: [String] = []

    func child(_ name: String) -> FieldContext {
        var c = self
        c.chain.append(name)
        return c
    }

    var path: [String] { (typeName.map { [$0] } ?? []) + chain }

    private var chainText: String { chain.map { "field \($0): " }.joined() }

    /// Prefix of errors raised while parsing (types: `parsing type T: `).
    var parsePrefix: String { (typeName.map { "parsing type \($0): " } ?? "") + chainText }
    /// Prefix of errors raised while building schemas (types: `building schema for T: `).
    var buildPrefix: String { (typeName.map { "building schema for \($0): " } ?? "") + chainText }
}

struct CustomTypeSchema {
    var schema: JSONObject
    /// An alias type marked `required=true` makes every field of exactly that type required.
    var required: Bool
}

struct SchemaBuildState {
    var diagnostics: [Diagnostic] = []
    var fields: FieldRecords
    var customTypes: [String: CustomTypeSchema] = [:]
    /// Names defined in `types` (built or not), so a failed type is not also "unknown".
    var definedTypes: Set<String> = []
    /// Fields built so far in the block (`types`, then `spec`), a custom type's use counted
    /// as all the fields it inlines: what the schemas hold. Bounded by `maxInlinedFields`.
    var inlinedFields = 0
    /// Per built custom type, the fields one use of it inlines.
    var inlinedSize: [String: Int] = [:]
    /// The blocks whose schemas are full: the first field left out has its KRO921, the
    /// ones after it are not built.
    private var fullBlocks: Set<SimpleSchemaField.Block> = []

    init(fields: FieldRecords) { self.fields = fields }

    /// kro inlines a custom type at each use, and so do the schemas built here: a chain
    /// of types each using the next (a 1,500-type chain, 33 KB of text, took 1 GB) or
    /// using it twice (a type bomb, exponential) would cost far more than its text, and a
    /// million plain fields (21 MB) took 957 MB and 6 s. Far above any real schema.
    static let maxInlinedFields = 20_000

    /// True when `adding` fields (a use of a custom type adds all it inlines) would take
    /// the block past `maxInlinedFields`: the field or type at `range` and the ones after
    /// it are left out, with KRO921 on the first.
    mutating func isOverFieldLimit(at range: TextRange, in block: SimpleSchemaField.Block, adding: Int = 1) -> Bool {
        guard fullBlocks.contains(block) || inlinedFields + adding > Self.maxInlinedFields else { return false }
        if fullBlocks.insert(block).inserted {
            let leftOut = block == .spec ? "this field and the ones after it are not checked"
                : "this one and the types built after it (each after the types it uses, then by name) are not checked"
            report(AnalysisLimits.code, "spec.schema.\(block == .spec ? "spec" : "types") has more than "
                   + "\(Self.maxInlinedFields) fields (each use of a custom type counted as the fields it inlines), "
                   + "over kro-lsp's limit; " + leftOut, range)
        }
        return true
    }

    mutating func report(_ code: String, _ message: String, _ range: TextRange,
                         severity: DiagnosticSeverity = .error, related: [RelatedLocation] = [],
                         suggestion: String? = nil) {
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: range,
                                      related: related,
                                      fixes: suggestion.map { [DiagnosticFix.replace(range, with: $0)] } ?? []))
    }

    /// A mapping of fields → `{type: object, properties, required?, default: {}?}` (§5).
    mutating func buildObject(_ mapping: YAMLMapping, context: FieldContext) -> JSONObject {
        var properties = JSONObject()
        var required: [String] = []
        var childHasDefault = false
        var children: [(name: String, fieldIndex: Int)] = []
        var cut = false
        for entry in mapping.effectiveEntries {
            guard let name = entry.key.keyString else { continue }
            if isOverFieldLimit(at: entry.key.range, in: context.block) { cut = true; break }
            let before = fields.count
            let schema = buildField(name, entry.value, keyRange: entry.key.range,
                                    parentRequired: &required, context: context.child(name))
            if fields.count > before { children.append((name, before)) }
            if let schema {
                properties[name] = .object(schema)
                if schema["default"] != nil { childHasDefault = true }
            }
        }
        let requiredNames = Set(required)
        for child in children { fields.update(child.fieldIndex) { $0.isRequired = requiredNames.contains(child.name) } }
        var schema: JSONObject = ["type": "object", "properties": .object(properties)]
        // Reading a field left out is not also "undefined field": it is not checked.
        if cut { schema["x-kubernetes-preserve-unknown-fields"] = true }
        required.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        else if childHasDefault { schema["default"] = .object([:]) }
        return schema
    }

    mutating func buildField(_ name: String, _ node: YAMLNode, keyRange: TextRange?,
                             parentRequired: inout [String], context: FieldContext) -> JSONObject? {
        inlinedFields += 1
        switch YAMLValueKind(node) {
        case .mapping(let mapping):
            let index = fields.append(SimpleSchemaField(
                block: context.block, path: context.path, typeText: nil, schema: nil,
                isRequired: false, markers: [], typeReferences: [],
                keyRange: keyRange, valueRange: mapping.range, typeRange: nil))
            let schema = buildObject(mapping, context: context)
            fields.update(index) { $0.schema = JSONValue.object(schema).sortedKeys() }
            return schema
        case .string(let scalar):
            return buildFieldString(name, scalar, keyRange: keyRange, parentRequired: &parentRequired,
                                    context: context)
        case .other(let goType, let range):
            report(context.block == .types ? "KRO137" : "KRO101",
                   context.parsePrefix + "unexpected type: \(goType)", range)
            return nil
        }
    }

    /// A field string `type | markers` (§2).
    mutating func buildFieldString(_ name: String, _ scalar: YAMLScalar, keyRange: TextRange?,
                                   parentRequired: inout [String], context: FieldContext) -> JSONObject? {
        let field = FieldString(scalar)
        let index = fields.append(SimpleSchemaField(
            block: context.block, path: context.path,
            typeText: field.typeText, schema: nil, isRequired: false, markers: [], typeReferences: [],
            keyRange: keyRange, valueRange: scalar.range,
            typeRange: field.typeText.isEmpty ? nil : field.range(field.typeSpan)))

        guard !field.typeText.isEmpty else {
            report("KRO102", context.parsePrefix + "empty type", scalar.range)
            return nil
        }
        let type: TypeExpression
        switch TypeExpressionParser.parse(field.text, field.typeSpan) {
        case .failure(let error):
            report(error.code, context.parsePrefix + error.message, field.range(error.span))
            return nil
        case .success(let t):
            type = t
        }
        fields.update(index) {
            $0.typeReferences = type.customReferences.map {
                SimpleSchemaTypeReference(name: $0.name, range: field.range($0.span))
            }
        }

        var markers: [LexedMarker] = []
        var markersFailed = false
        if let pipe = field.pipe {
            switch MarkerLexer.lex(field.text, CharSpan(lo: pipe + 1, hi: field.text.count), pipe: pipe) {
            case .failure(let error):
                // The type is still known: expressions reading the field type-check
                // against it instead of cascading into "undefined field".
                report(error.code, context.buildPrefix + error.message, field.range(error.span),
                       suggestion: error.suggestion)
                markersFailed = true
            case .success(let m):
                markers = m
            }
        }
        fields.update(index) {
            $0.markers = markers.map {
                SimpleSchemaMarker(key: $0.kind.rawValue, value: $0.value, keyRange: field.range($0.keySpan),
                                   valueRange: field.range($0.valueSpan))
            }
        }

        guard var schema = resolve(type, field: field, context: context) else { return nil }
        if markersFailed { return schema }
        let unmarked = schema
        let requiredBefore = parentRequired.count
        if case .custom(let typeName, _) = type, customTypes[typeName]?.required == true {
            parentRequired.append(name)
        }
        var application = MarkerApplication(field: field, context: context, name: name)
        application.apply(markers, to: &schema, parentRequired: &parentRequired)
        diagnostics += application.diagnostics
        guard !application.failed else {
            // kro rejects the RGD; for the rest of the analysis the field keeps its type,
            // without the markers (and out of the parent's `required`).
            parentRequired.removeSubrange(requiredBefore...)
            return unmarked
        }
        fields.update(index) { $0.schema = JSONValue.object(schema).sortedKeys() }
        return schema
    }

    /// The schema of a type expression (§3); nil (with a diagnostic for unknown names in
    /// `spec`) when a custom type is missing or failed to build.
    mutating func resolve(_ type: TypeExpression, field: FieldString, context: FieldContext) -> JSONObject? {
        switch type {
        case .atomic(let name):
            return ["type": .string(name == "float" ? "number" : name)]
        case .object:
            return ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        case .slice(let element):
            guard let items = resolve(element, field: field, context: context) else { return nil }
            return ["type": "array", "items": .object(items)]
        case .map(let value):
            guard let values = resolve(value, field: field, context: context) else { return nil }
            return ["type": "object", "additionalProperties": .object(values)]
        case .custom(let name, let span):
            if let custom = customTypes[name] {
                let size = inlinedSize[name] ?? 1
                if isOverFieldLimit(at: field.range(span), in: context.block, adding: size) { return nil }
                inlinedFields += size
                return custom.schema
            }
            // Undefined names inside `types` are reported by the dependency check (KRO108).
            if context.block == .spec && !definedTypes.contains(name) {
                let suggestion = SchemaSuggestions.type(for: name, customTypes: definedTypes)
                report("KRO107", context.buildPrefix + "unknown type: \(QuotedText.excerpt(name, limit: 80))"
                           + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""),
                       field.range(span), suggestion: suggestion)
            }
            return nil
        }
    }
}

/// A field string split at its first `|`, with position mapping into the file.
struct FieldString {
    let scalar: YAMLScalar
    let text: CharText
    let pipe: Int?
    let typeSpan: CharSpan
    let typeText: String

    init(_ scalar: YAMLScalar) {
        self.scalar = scalar
        text = CharText(scalar.value)
        pipe = text.firstIndex(of: "|")
        let (lo, hi) = text.trimmed(0, pipe ?? text.count)
        typeSpan = CharSpan(lo: lo, hi: hi)
        typeText = text.string(lo, hi)
    }

    func range(_ span: CharSpan) -> TextRange {
        guard scalar.sourceMap.segmentCount > 0 else { return scalar.range }
        return scalar.sourceMap.sourceRange(forValueRange: text.offset(span.lo)..<text.offset(span.hi))
    }
}

extension JSONValue {
    /// The same value with every object's keys in byte order, as kro's serialised CRDs show them.
    func sortedKeys() -> JSONValue { reorderedKeys() ?? self }

    /// nil when every object is in order already (each field's schema, built in order):
    /// the value is then shared, not copied.
    private func reorderedKeys() -> JSONValue? {
        switch self {
        case .object(let members):
            let inOrder = zip(members.keys, members.keys.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var changed: [Int: JSONValue] = [:]
            for (i, value) in members.values.enumerated() {
                if let reordered = value.reorderedKeys() { changed[i] = reordered }
            }
            if inOrder && changed.isEmpty { return nil }
            var elements = members.elements.enumerated().map { (key: $0.element.key, value: changed[$0.offset] ?? $0.element.value) }
            elements.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            var out = OrderedDictionary<String, JSONValue>(minimumCapacity: elements.count)
            for (key, value) in elements { out[key] = value }
            return .object(out)
        case .array(let items):
            var changed: [Int: JSONValue] = [:]
            for (i, item) in items.enumerated() {
                if let reordered = item.reorderedKeys() { changed[i] = reordered }
            }
            if changed.isEmpty { return nil }
            return .array(items.enumerated().map { changed[$0.offset] ?? $0.element })
        default:
            return nil
        }
    }
}
