import KroEngine
import YAMLSyntax

/// Completion at a byte offset: inside `${…}` the CEL context decides (variables,
/// fields, methods, functions, macros); elsewhere the YAML context does (SimpleSchema
/// types and markers, template keys from the kind's schema, `apiVersion`/`kind` values,
/// resource-level keys). Lists of fields or keys past `CompletionLimit.maxItems` are
/// cut where they are read, before an item is made for each.
public enum Completion {
    /// `store` lists the kinds offered for `apiVersion`/`kind` values (nil: none offered).
    /// `openRGDs`: the RGDs of other open files, whose instances get their `spec` fields.
    public static func list(_ snapshot: DocumentSnapshot, at offset: Int, store: SchemaStore? = nil,
                            openRGDs: [RGDAnalysis] = []) -> CompletionList {
        CompletionLimit.cap(items(snapshot, at: offset, store: store, openRGDs: openRGDs), in: snapshot.source)
    }

    /// Every item, however many (`list` answers at most `CompletionLimit.maxItems`).
    public static func items(_ snapshot: DocumentSnapshot, at offset: Int, store: SchemaStore? = nil,
                             openRGDs: [RGDAnalysis] = []) -> [CompletionItem] {
        guard offset >= 0, offset <= snapshot.source.count else { return [] }
        if snapshot.rgd(at: offset) == nil,
           let items = InstanceFields.completion(snapshot, at: offset, rgds: openRGDs + snapshot.rgds.map(\.analysis)) {
            return items
        }
        if let context = CELCompletionContext(snapshot: snapshot, offset: offset) {
            return CELCompletion(context: context).items()
        }
        guard let line = LineContext(source: snapshot.source, offset: offset) else { return [] }
        let rgd = snapshot.rgd(at: offset)
        if let items = SimpleSchemaCompletion.items(line, rgd: rgd) { return items }
        return TemplateCompletion.items(line, rgd: rgd, offset: offset, store: store)
    }
}
