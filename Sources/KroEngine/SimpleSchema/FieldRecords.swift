/// The `SimpleSchemaField`s a schema build records for editor requests (hover, symbols,
/// definitions), or none: a `--check` run reads only the schemas and the diagnostics, and
/// the records (each with a sorted copy of its schema) were most of its memory on schemas
/// of many fields or types.
struct FieldRecords {
    let keeps: Bool
    private(set) var all: [SimpleSchemaField] = []

    init(keeps: Bool) { self.keeps = keeps }

    var count: Int { all.count }

    /// Records the field made by `field` (not called when nothing is kept); its index, for `update`.
    mutating func append(_ field: @autoclosure () -> SimpleSchemaField) -> Int? {
        guard keeps else { return nil }
        all.append(field())
        return all.count - 1
    }

    /// Changes the field at `index` (nothing when it was not recorded).
    mutating func update(_ index: Int?, _ change: (inout SimpleSchemaField) -> Void) {
        guard let index else { return }
        change(&all[index])
    }

    /// The index of the last field that `matches`.
    func lastIndex(where matches: (SimpleSchemaField) -> Bool) -> Int? { all.lastIndex(where: matches) }

    mutating func sortBySource() {
        all.sort { ($0.keyRange ?? $0.valueRange) < ($1.keyRange ?? $1.valueRange) }
    }
}
