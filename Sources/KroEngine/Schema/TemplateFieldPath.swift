/// Field paths written the way kro prints them (rgd.md §8.7): `.key`, `["key.with.dots"]`
/// (also for the empty key), `[0]`; the root has no leading dot.
public enum TemplateFieldPath {
    public static func format(_ segments: [SchemaPathSegment]) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .index(let i): text += "[\(i)]"
            case .field(let key) where key.isEmpty || key.contains("."): text += "[\"\(key)\"]"
            case .field(let key): text += text.isEmpty ? key : ".\(key)"
            }
        }
        return text
    }
}
