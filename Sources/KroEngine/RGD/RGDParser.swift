import YAMLSyntax

/// Recognises RGD documents and reads them into `ResourceGraphDefinition`, reporting what
/// the API server's admission of the RGD object would reject (errors.md phase 0).
public enum RGDParser {
    public static let apiVersion = "kro.run/v1alpha1"
    public static let kind = "ResourceGraphDefinition"

    /// True when the document is an RGD (`apiVersion`/`kind` match); others are ignored.
    public static func isRGD(_ root: YAMLNode?) -> Bool {
        guard let map = root?.mapping else { return false }
        return map.value(forKey: "apiVersion")?.scalar?.value == apiVersion
            && map.value(forKey: "kind")?.scalar?.value == kind
    }

    /// nil (and no findings) when the document is not an RGD.
    /// `source`: the document's text, for fixes that re-indent (without it they are left out).
    public static func parse(document: YAMLDocument, source: SourceText? = nil) -> (ResourceGraphDefinition?, [Diagnostic]) {
        parse(root: document.root, source: source)
    }

    public static func parse(root: YAMLNode?, source: SourceText? = nil) -> (ResourceGraphDefinition?, [Diagnostic]) {
        guard let admission = admit(root: root, source: source) else { return (nil, []) }
        var reader = AdmissionReader()
        for r in admission.rgd.resources { reader.checkUnrepresentable(r.node, depth: AdmissionReader.resourceItemDepth) }
        return (admission.rgd, admission.diagnostics + admission.resourceDiagnostics.flatMap { $0 } + reader.diagnostics)
    }

    /// The admission read of an RGD without KRO003 inside resource items (the analysis
    /// checks those per resource, `AdmissionReader.checkUnrepresentable`), with each
    /// resource's own findings apart, so a resource can be analysed on its own.
    /// `reuse(i, item)`: the earlier read of list item `i` when its text did not change
    /// (an `AnalysisCache` hit), taken instead of reading the item again.
    /// `slices`: the threads items are read on (see `AdmissionReader.readResources`).
    /// `maxResources`: over this many resources the RGD keeps none (`Admission.overLimit`);
    /// likewise over `maxExpressions` `${` in the text of `spec.resources` (with `source`).
    static func admit(root: YAMLNode?, source: SourceText? = nil,
                      reuse: ((Int, YAMLNode) -> AdmittedResource?)? = nil,
                      slices: ResourceSlices = ResourceSlices(threads: 1), maxResources: Int? = nil,
                      maxExpressions: Int? = nil, maxFindings: Int? = nil) -> Admission? {
        let renamed = LegacyFormats.resourceGroupKind(root)
        guard isRGD(root) || renamed != nil, let map = root?.mapping else { return nil }
        var reader = AdmissionReader()
        reader.source = source
        reader.reuse = reuse
        reader.slices = slices
        reader.maxResources = maxResources
        reader.maxExpressions = maxExpressions
        // One more than the RGD reports, so its findings are still seen to be over the limit.
        reader.maxNotObjects = maxFindings.map { $0 < Int.max ? $0 + 1 : $0 }
        if let renamed { reader.diagnostics.append(renamed) }
        let rgd = reader.readRGD(map)
        if let list = reader.overLimit?.list {
            // No resource: the items that are not objects are walked, the rest of the list is not.
            reader.checkUnrepresentable(.mapping(map), skipping: [list])
            for item in reader.items where item.mapping == nil {
                reader.checkUnrepresentable(item, depth: AdmissionReader.resourceItemDepth)
            }
        } else {
            // Sorted for a binary search: lighter than a set at hundreds of thousands of items.
            reader.checkUnrepresentable(.mapping(map), skipping: rgd.resources.map(\.node.range).sorted())
        }
        return Admission(rgd: rgd, diagnostics: reader.diagnostics, resourceDiagnostics: reader.resourceDiagnostics,
                         selfContained: reader.selfContained, taken: reader.taken, gvks: reader.gvks,
                         overLimit: reader.overLimit)
    }

    /// An RGD with more resources than the limit, or more `${` in their text: how many
    /// resources, and where KRO921 points (the first resource over it,
    /// `RGDResource.anchorRange`, or the first `${` over it).
    struct OverLimit: Equatable {
        var resources: Int
        /// Set when the expressions are over their limit (`resources` is then within its own).
        var expressions = false
        var firstOver: TextRange
        /// The `spec.resources` list.
        var list: TextRange
    }

    struct Admission {
        var rgd: ResourceGraphDefinition
        /// Findings outside resource items.
        var diagnostics: [Diagnostic]
        /// The findings of each resource's item (parallel to `rgd.resources`).
        var resourceDiagnostics: [[Diagnostic]]
        /// Whether each resource's read depended on its item alone (parallel to
        /// `rgd.resources`): a fix proposing an id reads every other item's id.
        var selfContained: [Bool]
        /// Whether each resource was taken from `reuse` instead of read (parallel to `rgd.resources`).
        var taken: [Bool]
        /// Each resource's kind (`RGDAnalyzer.objectGVK`), read with the item (parallel to `rgd.resources`).
        var gvks: [GroupVersionKind?]
        /// Set when the resources are over `maxResources`: then none was read (`rgd.resources`
        /// and the arrays parallel to it are empty).
        var overLimit: OverLimit? = nil
        var reused: Int { taken.lazy.filter { $0 }.count }

        /// The read of the `k`-th resource, to keep for the next version (nil when it
        /// read other items).
        func admitted(_ k: Int) -> AdmittedResource? {
            selfContained[k] ? AdmittedResource(resource: rgd.resources[k], diagnostics: resourceDiagnostics[k], gvk: gvks[k]) : nil
        }
    }
}

/// One `spec.resources` item as admission read it: a function of the item's text, column
/// and position in the list when it needed nothing else (`Admission.selfContained`).
/// A class: the cache hands it over per unchanged item on every edit, without copying it.
final class AdmittedResource: Sendable {
    let resource: RGDResource
    let diagnostics: [Diagnostic]
    let gvk: GroupVersionKind?

    init(resource: RGDResource, diagnostics: [Diagnostic], gvk: GroupVersionKind?) {
        self.resource = resource; self.diagnostics = diagnostics; self.gvk = gvk
    }
}

/// Reads typed fields while collecting admission findings (KRO003–KRO017).
struct AdmissionReader {
    var diagnostics: [Diagnostic] = []
    /// The text, for fixes that insert lines; nil: no such fixes.
    var source: SourceText?
    /// Resource ids written or proposed by a fix so far (a proposed id is never taken):
    /// read from `items` when a fix first needs one (`withTakenIDs`).
    private var takenIDs: Set<String>?
    /// The `spec.resources` items.
    private(set) var items: [YAMLNode] = []
    /// `readRGD`: the findings of each resource read, parallel to `resources`.
    var resourceDiagnostics: [[Diagnostic]] = []
    /// `readRGD`: whether each resource's read needed only its item, parallel to `resources`.
    var selfContained: [Bool] = []
    /// `readRGD`: each resource's kind, parallel to `resources`.
    var gvks: [GroupVersionKind?] = []
    /// Set while reading an item whose read looks at other items.
    private var readOtherItems = false
    /// Earlier reads of unchanged items (see `RGDParser.admit`), and which were taken.
    var reuse: ((Int, YAMLNode) -> AdmittedResource?)?
    var taken: [Bool] = []
    /// The threads `readRGD` reads items on.
    var slices = ResourceSlices(threads: 1)
    /// Over this many object items, `readRGD` reads none (`overLimit`).
    var maxResources: Int?
    /// KRO016 for `spec.resources` items that are not objects, at most this many: past the
    /// RGD's findings limit they are left out anyway, and half a million `- 1` items held
    /// 280 MB of them.
    var maxNotObjects: Int?
    private var notObjects = 0
    /// Over this many `${` in the text of `spec.resources` (with `source`), likewise.
    var maxExpressions: Int?
    var overLimit: RGDParser.OverLimit?

    /// `body` with the ids taken so far (the items' ids, then those proposed).
    mutating func withTakenIDs<T>(_ body: (inout Set<String>) -> T) -> T {
        readOtherItems = true
        var ids = takenIDs ?? Set(items.compactMap { $0.mapping?.value(forKey: "id")?.scalar?.value })
        defer { takenIDs = ids }
        return body(&ids)
    }
    /// How deep a `spec.resources` item lies (root mapping 0, `spec` 1, the list 2).
    static let resourceItemDepth = 3

    mutating func report(_ code: String, _ message: String, _ range: TextRange, related: [RelatedLocation] = []) {
        diagnostics.append(Diagnostic(code: code, message: message, range: range, related: related))
    }

    // MARK: typed field access

    /// JSON type name of a node as the API server names it.
    static func jsonType(_ node: YAMLNode) -> String {
        switch node.resolvedNode {
        case .mapping?: return "object"
        case .sequence?: return "array"
        case .scalar(let s)?:
            switch s.resolved {
            case .null: return "null"
            case .bool: return "boolean"
            case .int: return "integer"
            case .float: return "number"
            case .string: return "string"
            }
        default: return "null"
        }
    }

    static func isNull(_ node: YAMLNode) -> Bool { jsonType(node) == "null" }

    /// A non-null value for `key`, with its entry.
    func field(_ map: YAMLMapping, _ key: String) -> YAMLMappingEntry? {
        guard let entry = map.entry(forKey: key), !Self.isNull(entry.value) else { return nil }
        return entry
    }

    mutating func string(_ map: YAMLMapping, _ key: String, path: String) -> LocatedString? {
        guard let entry = field(map, key) else { return nil }
        return string(entry.value, keyRange: entry.key.range, path: path)
    }

    mutating func string(_ node: YAMLNode, keyRange: TextRange, path: String) -> LocatedString? {
        guard let scalar = node.scalar, case .string(let value) = scalar.resolved else {
            typeError(node, path: path, expected: "string")
            return nil
        }
        return LocatedString(value: value, range: node.range, keyRange: keyRange)
    }

    mutating func mapping(_ entry: YAMLMappingEntry, path: String) -> YAMLMapping? {
        guard let m = entry.value.mapping else { typeError(entry.value, path: path, expected: "object"); return nil }
        return m
    }

    mutating func sequence(_ entry: YAMLMappingEntry, path: String) -> YAMLSequence? {
        guard let s = entry.value.sequence else { typeError(entry.value, path: path, expected: "array"); return nil }
        return s
    }

    mutating func typeError(_ node: YAMLNode, path: String, expected: String) {
        report("KRO016", "\(path) in body must be of type \(expected): \"\(Self.jsonType(node))\"", node.range)
    }

    /// KRO017 for keys outside `allowed`.
    mutating func checkKnownFields(_ map: YAMLMapping, allowed: Set<String>, path: String) {
        for entry in map.entries where !entry.isMergeKey {
            guard let key = entry.key.keyString, !allowed.contains(key) else { continue }
            let full = path.isEmpty ? key : "\(path).\(key)"
            report("KRO017", "strict decoding error: unknown field \"\(full)\"", entry.key.range)
        }
    }

    /// True when the ascending `ranges` hold `range` (binary search).
    static func sortedContains(_ ranges: [TextRange], _ range: TextRange) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid] < range { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo] == range
    }

    /// KRO003: `.inf`/`.nan` cannot become JSON. Returns whether the nodes walked (keys
    /// included) carry an anchor or are aliases (`YAMLNode.hasAnchorsOrAliases` of the
    /// node when nothing is skipped): the per-resource pass needs both, and one walk of
    /// the item costs half of two.
    /// `skipping`: ranges of collections not to enter (resource items, checked on their own;
    /// the whole list when the resources are over the limit).
    @discardableResult
    mutating func checkUnrepresentable(_ node: YAMLNode, depth: Int = 0, skipping: [TextRange] = []) -> Bool {
        guard depth < 256 else { return node.hasAnchorsOrAliases }
        if !skipping.isEmpty, Self.isCollection(node), Self.sortedContains(skipping, node.range) { return false }
        switch node {
        case .scalar(let s):
            if Self.mayResolveToFloat(s), case .float(let d) = s.resolved, !d.isFinite {
                report("KRO003", "json: unsupported value: \(s.value) cannot be represented in JSON", s.range)
            }
            return s.anchor != nil
        case .mapping(let m):
            var anchored = m.anchor != nil
            // Through the buffer: a node is stored inline, and copying one retains its fields.
            m.entries.forEachUnpackedBlock { entries, _ in
                for e in entries.indices {
                    if !anchored {
                        if case .scalar(let key) = entries[e].key { anchored = key.anchor != nil } else { anchored = entries[e].key.hasAnchorsOrAliases }
                    }
                    if checkUnrepresentable(entries[e].value, depth: depth + 1, skipping: skipping) { anchored = true }
                }
                return true
            }
            // Packed scalars have no anchor: only the values that may be floats are read.
            _ = m.entries.forEachPackedValue { scalar in
                if scalar.index % 2 == 1, scalar.style == .plain, let first = scalar.value.first, Self.mayStartFloat(first) {
                    checkUnrepresentable(scalar.node, depth: depth + 1, skipping: skipping)
                }
            }
            return anchored
        case .sequence(let s):
            var anchored = s.anchor != nil
            s.items.forEachUnpackedBlock { items, _ in
                for i in items.indices where checkUnrepresentable(items[i], depth: depth + 1, skipping: skipping) { anchored = true }
                return true
            }
            // Packed scalars have no anchor: only the ones that may be floats are read.
            _ = s.items.forEachPackedValue { scalar in
                if scalar.style == .plain, let first = scalar.value.first, Self.mayStartFloat(first) {
                    checkUnrepresentable(scalar.node, depth: depth + 1, skipping: skipping)
                }
            }
            return anchored
        case .alias:
            return true
        }
    }

    static func isCollection(_ node: YAMLNode) -> Bool {
        switch node {
        case .mapping, .sequence: true
        case .scalar, .alias: false
        }
    }

    /// Whether `resolved` can be a float: only plain scalars starting with `.`, a sign or a
    /// digit resolve to numbers (ScalarResolution: other texts are null, bools or strings).
    /// Resolving every scalar of a resource was most of KRO003's cost.
    static func mayResolveToFloat(_ s: YAMLScalar) -> Bool {
        guard s.style == .plain, let first = s.value.utf8.first else { return false }
        return mayStartFloat(first)
    }

    static func mayStartFloat(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return false
        }
    }

    // MARK: the document

    mutating func readRGD(_ root: YAMLMapping) -> ResourceGraphDefinition {
        checkKnownFields(root, allowed: ["apiVersion", "kind", "metadata", "spec", "status"], path: "")
        var name: LocatedString?
        var annotations: [LocatedEntry] = []
        if let entry = field(root, "metadata"), let meta = mapping(entry, path: "metadata") {
            name = string(meta, "name", path: "metadata.name")
            if let a = field(meta, "annotations"), let am = mapping(a, path: "metadata.annotations") {
                annotations = stringMap(am, path: "metadata.annotations")
            }
        }
        var rgd = ResourceGraphDefinition(root: root, name: name, annotations: annotations,
                                          specKeyRange: nil, schema: nil, resources: [])
        let kindRange = root.entry(forKey: "kind")?.key.range ?? root.range
        guard let specEntry = root.entry(forKey: "spec") else {
            report("KRO004", "spec.schema: Required value", kindRange)
            return rgd
        }
        rgd.specKeyRange = specEntry.key.range
        guard !Self.isNull(specEntry.value) else {
            report("KRO004", "spec.schema: Required value", specEntry.key.range)
            return rgd
        }
        guard let spec = mapping(specEntry, path: "spec") else { return rgd }
        checkKnownFields(spec, allowed: ["schema", "resources"], path: "spec")
        if let schemaEntry = field(spec, "schema") {
            if let schemaMap = mapping(schemaEntry, path: "spec.schema") {
                rgd.schema = readSchema(schemaMap, keyRange: schemaEntry.key.range)
            }
        } else {
            report("KRO004", "spec.schema: Required value", specEntry.key.range)
        }
        if let resourcesEntry = field(spec, "resources"), let list = sequence(resourcesEntry, path: "spec.resources") {
            items = list.items.array
            if let maxResources, let over = countOverLimit(maxResources, list: list.range) {
                overLimit = over
            } else if let maxExpressions, let source,
                      let firstOver = ExpressionOpenings.find(after: maxExpressions, in: source, list.range) {
                reportItemsNotObjects()
                overLimit = RGDParser.OverLimit(resources: items.lazy.filter { $0.mapping != nil }.count,
                                                expressions: true, firstOver: firstOver, list: list.range)
            } else {
                readResources(&rgd)
            }
        }
        return rgd
    }

    /// Over `limit` object items the RGD keeps no resource, so none is read (at 200,000
    /// items the reads were ~60 MB at the peak): an item that is not an object gets its
    /// KRO016 as when read, since it is reported outside resources; the first object over
    /// the limit is read alone for KRO921's place. nil (nothing done) within the limit.
    mutating func countOverLimit(_ limit: Int, list: TextRange) -> RGDParser.OverLimit? {
        var objects = 0
        var firstOver: Int?
        for i in items.indices where items[i].mapping != nil {
            if objects == limit { firstOver = i }
            objects += 1
        }
        guard let firstOver else { return nil }
        reportItemsNotObjects()
        let anchor = Self.readAlone(items, firstOver, source: nil).resource?.anchorRange ?? items[firstOver].range
        return RGDParser.OverLimit(resources: objects, firstOver: anchor, list: list)
    }

    /// Over a limit no item is read: an item that is not an object gets its KRO016 here,
    /// since it is reported outside resources.
    private mutating func reportItemsNotObjects() {
        for i in items.indices where items[i].mapping == nil { reportNotObject(items[i], index: i) }
    }

    /// KRO016 for item `i`, which is not an object (while under `maxNotObjects`).
    mutating func reportNotObject(_ item: YAMLNode, index i: Int) {
        notObjects += 1
        guard notObjects <= maxNotObjects ?? .max else { return }
        typeError(item, path: "spec.resources[\(i)]", expected: "object")
    }

    /// One item read alone: what `readResource` found, and whether it needed other items.
    struct ItemRead: Sendable {
        var resource: RGDResource?
        var diagnostics: [Diagnostic]
        var selfContained: Bool
        var gvk: GroupVersionKind?
    }

    /// The `spec.resources` items into `rgd.resources`, with each one's findings, kind and
    /// whether its read was self-contained. Items are read on `slices` when many need
    /// reading: each alone, then those whose read looked at other items (a fix proposing an
    /// id takes it from the ids taken so far, and proposals accumulate from item to item)
    /// are read again here, in order, so the result is the one-thread read's exactly.
    mutating func readResources(_ rgd: inout ResourceGraphDefinition) {
        let earlier = reuse.map { reuse in items.indices.map { reuse($0, items[$0]) } } ?? []
        // Items that are not objects are read here, in order (their KRO016 count toward
        // `maxNotObjects`); the objects to read may be read on threads first.
        let misses = items.indices.filter { (earlier.isEmpty || earlier[$0] == nil) && items[$0].mapping != nil }
        var reads: [ItemRead]?
        var jobOfItem: [Int32] = []
        if slices.threads > 1, misses.count >= slices.minimumParallelJobs * Self.readsPerResourceJob {
            var finished = 0
            let (items, source) = (items, source)
            reads = slices.map(misses.count, state: (), shouldStop: nil, finished: &finished) { _, job in
                Self.readAlone(items, misses[job], source: source)
            }
            jobOfItem = [Int32](repeating: -1, count: items.count)
            for (job, i) in misses.enumerated() { jobOfItem[i] = Int32(job) }
        }
        rgd.resources.reserveCapacity(items.count)
        // Sized once: grown by doubling they peaked ~6 MB higher at 200,000 resources.
        resourceDiagnostics.reserveCapacity(items.count)
        selfContained.reserveCapacity(items.count)
        taken.reserveCapacity(items.count)
        gvks.reserveCapacity(items.count)
        for i in items.indices {
            if !earlier.isEmpty, let earlier = earlier[i] {
                append(earlier.resource, earlier.diagnostics, gvk: earlier.gvk, selfContained: true, taken: true, to: &rgd)
                continue
            }
            if let reads, jobOfItem[i] >= 0, case let read = reads[Int(jobOfItem[i])], read.selfContained {
                guard let r = read.resource else { diagnostics += read.diagnostics; continue }
                append(r, read.diagnostics, gvk: read.gvk, selfContained: true, taken: false, to: &rgd)
                continue
            }
            let before = diagnostics.count
            readOtherItems = false
            guard let r = readResource(items[i], index: i) else { continue }
            append(r, Array(diagnostics[before...]), gvk: RGDAnalyzer.objectGVK(r),
                   selfContained: !readOtherItems, taken: false, to: &rgd)
            diagnostics.removeSubrange(before...)
        }
    }

    /// One admitted resource and its entries in the arrays parallel to `rgd.resources`.
    private mutating func append(_ resource: RGDResource, _ itemDiagnostics: [Diagnostic], gvk: GroupVersionKind?,
                                 selfContained isSelfContained: Bool, taken isTaken: Bool,
                                 to rgd: inout ResourceGraphDefinition) {
        rgd.resources.append(resource)
        resourceDiagnostics.append(itemDiagnostics)
        selfContained.append(isSelfContained)
        taken.append(isTaken)
        gvks.append(gvk)
    }

    /// Reading an item is ~30,000 instructions, a slice of the per-resource pass hundreds of
    /// thousands: parallel reads need more items to pay for the threads.
    static let readsPerResourceJob = 4

    /// Item `i` of `items` read by a reader of its own.
    static func readAlone(_ items: [YAMLNode], _ i: Int, source: SourceText?) -> ItemRead {
        var reader = AdmissionReader()
        reader.source = source
        reader.items = items
        let r = reader.readResource(items[i], index: i)
        return ItemRead(resource: r, diagnostics: reader.diagnostics, selfContained: !reader.readOtherItems,
                        gvk: r.flatMap(RGDAnalyzer.objectGVK))
    }

    mutating func stringMap(_ map: YAMLMapping, path: String) -> [LocatedEntry] {
        map.effectiveEntries.compactMap { entry in
            guard let key = entry.key.keyString else { return nil }
            if !Self.isNull(entry.value) { _ = string(entry.value, keyRange: entry.key.range, path: "\(path).\(key)") }
            return LocatedEntry(key: LocatedString(value: key, range: entry.key.range, keyRange: entry.key.range),
                                value: entry.value)
        }
    }

    // MARK: spec.schema

    static let apiVersionPattern = #"^v[0-9]+(alpha[0-9]+|beta[0-9]+)?$"#
    static let kindPattern = "^[A-Z][a-zA-Z0-9]{0,62}$"
    static let namePattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$"

    mutating func readSchema(_ map: YAMLMapping, keyRange: TextRange) -> RGDSchema {
        checkKnownFields(map, allowed: ["apiVersion", "kind", "group", "scope", "spec", "types", "status",
                                        "additionalPrinterColumns", "shortNames", "categories", "metadata"],
                         path: "spec.schema")
        var schema = RGDSchema(node: map, keyRange: keyRange, additionalPrinterColumns: [], shortNames: [],
                               categories: [], labels: [], annotations: [])
        schema.apiVersion = string(map, "apiVersion", path: "spec.schema.apiVersion")
        schema.kind = string(map, "kind", path: "spec.schema.kind")
        schema.group = string(map, "group", path: "spec.schema.group")
        schema.scope = string(map, "scope", path: "spec.schema.scope")
        if field(map, "apiVersion") == nil { report("KRO005", "spec.schema.apiVersion: Required value", keyRange) }
        if field(map, "kind") == nil { report("KRO005", "spec.schema.kind: Required value", keyRange) }
        if let v = schema.apiVersion, !Self.matchesAPIVersion(v.value) {
            report("KRO006", "spec.schema.apiVersion in body should match '\(Self.apiVersionPattern)'", v.range)
        }
        if let k = schema.kind, !Self.matchesKind(k.value, maxTail: 62) {
            report("KRO007", "spec.schema.kind in body should match '\(Self.kindPattern)'", k.range)
        }
        if let s = schema.scope, s.value != "Namespaced", s.value != "Cluster" {
            report("KRO008", "spec.schema.scope: Unsupported value: \"\(s.value)\": supported values: \"Namespaced\", \"Cluster\"", s.range)
        }
        for key in ["spec", "types", "status"] {
            guard let entry = field(map, key) else { continue }
            guard mapping(entry, path: "spec.schema.\(key)") != nil else { continue }
            switch key {
            case "spec": schema.spec = entry.value
            case "types": schema.types = entry.value
            default: schema.status = entry.value; schema.statusKeyRange = entry.key.range
            }
        }
        if let entry = field(map, "additionalPrinterColumns"),
           let list = sequence(entry, path: "spec.schema.additionalPrinterColumns") {
            schema.additionalPrinterColumns = list.items.array
            for (i, item) in list.items.enumerated() {
                let path = "spec.schema.additionalPrinterColumns[\(i)]"
                guard let col = item.mapping else { typeError(item, path: path, expected: "object"); continue }
                checkKnownFields(col, allowed: ["name", "type", "jsonPath", "description", "format", "priority"], path: path)
                for required in ["name", "type", "jsonPath"] where field(col, required) == nil {
                    report("KRO016", "\(path).\(required): Required value", item.range)
                }
            }
        }
        schema.shortNames = nameList(map, "shortNames")
        schema.categories = nameList(map, "categories")
        if let entry = field(map, "metadata"), let meta = mapping(entry, path: "spec.schema.metadata") {
            checkKnownFields(meta, allowed: ["labels", "annotations"], path: "spec.schema.metadata")
            if let l = field(meta, "labels"), let lm = mapping(l, path: "spec.schema.metadata.labels") {
                schema.labels = stringMap(lm, path: "spec.schema.metadata.labels")
            }
            if let a = field(meta, "annotations"), let am = mapping(a, path: "spec.schema.metadata.annotations") {
                schema.annotations = stringMap(am, path: "spec.schema.metadata.annotations")
            }
        }
        return schema
    }

    /// `shortNames`/`categories`: KRO009 for pattern, length, count and duplicates.
    mutating func nameList(_ map: YAMLMapping, _ key: String) -> [LocatedString] {
        guard let entry = field(map, key), let list = sequence(entry, path: "spec.schema.\(key)") else { return [] }
        var result: [LocatedString] = []
        var seen: [String: TextRange] = [:]
        if list.items.count > 32 {
            report("KRO009", "spec.schema.\(key): Too many: \(list.items.count): must have at most 32 items", entry.key.range)
        }
        for (i, item) in list.items.enumerated() {
            let path = "spec.schema.\(key)[\(i)]"
            guard let s = string(item, keyRange: item.range, path: path) else { continue }
            if s.value.utf8.count > 63 {
                report("KRO009", "\(path): Too long: may not be more than 63 bytes", s.range)
            } else if !Self.matchesDNSLabel(s.value) {
                report("KRO009", "\(path) in body should match '\(Self.namePattern)'", s.range)
            }
            if let first = seen[s.value] {
                report("KRO009", "\(path): Duplicate value: \"\(s.value)\"", s.range,
                       related: [RelatedLocation(range: first, message: "first \"\(s.value)\" here")])
            } else {
                seen[s.value] = s.range
            }
            result.append(s)
        }
        return result
    }

    // MARK: spec.resources[]

    /// A resource item's fields (made once: a set literal is built at each use).
    static let resourceFields: Set<String> = ["id", "template", "externalRef", "includeWhen", "readyWhen", "forEach"]

    mutating func readResource(_ item: YAMLNode, index i: Int) -> RGDResource? {
        guard let map = item.mapping else { reportNotObject(item, index: i); return nil }
        let path = "spec.resources[\(i)]"
        if LegacyFormats.isBareObject(map),
           let legacy = withTakenIDs({ [source] in LegacyFormats.bareObjectResource(map, path: path, source: source, takenIDs: &$0) }) {
            // One error for the resource instead of a missing id, a missing template and
            // an unknown field per key.
            diagnostics.append(legacy)
            return RGDResource(index: i, node: item, forEach: [])
        }
        checkKnownFields(map, allowed: Self.resourceFields, path: path)
        var resource = RGDResource(index: i, node: item, forEach: [])
        resource.id = string(map, "id", path: "\(path).id")
        if field(map, "id") == nil { reportMissingID(map, item: item, path: path) }
        if let t = field(map, "template"), mapping(t, path: "\(path).template") != nil {
            resource.template = t.value
            resource.templateKeyRange = t.key.range
        }
        if let e = field(map, "externalRef"), let m = mapping(e, path: "\(path).externalRef") {
            resource.externalRef = readExternalRef(m, node: e.value, keyRange: e.key.range, path: "\(path).externalRef")
        }
        let hasTemplate = field(map, "template") != nil, hasRef = field(map, "externalRef") != nil
        if hasTemplate == hasRef {
            let keys = [map.entry(forKey: "template"), map.entry(forKey: "externalRef")].compactMap { $0?.key.range }
            let message = "\(path): Invalid value: \"object\": exactly one of template or externalRef must be provided"
            if keys.isEmpty {
                report("KRO011", message, item.range)
            } else {
                for k in keys { report("KRO011", message, k) }
            }
        }
        resource.includeWhen = conditionList(map, "includeWhen", path: path)
        resource.readyWhen = conditionList(map, "readyWhen", path: path)
        if let f = field(map, "forEach"), let list = sequence(f, path: "\(path).forEach") {
            resource.forEachKeyRange = f.key.range
            for (j, dim) in list.items.enumerated() {
                let dimPath = "\(path).forEach[\(j)]"
                guard let dm = dim.mapping else { typeError(dim, path: dimPath, expected: "object"); continue }
                let entries = dm.effectiveEntries
                guard entries.count == 1, let entry = entries.first, let key = entry.key.keyString else {
                    let detail = entries.isEmpty ? "must have at least 1 properties" : "must have at most 1 properties"
                    report("KRO015", "\(dimPath): Invalid value: \(entries.count): \(detail)", dim.range)
                    continue
                }
                guard string(entry.value, keyRange: entry.key.range, path: "\(dimPath).\(key)") != nil else { continue }
                resource.forEach.append(RGDForEachDimension(
                    name: LocatedString(value: key, range: entry.key.range, keyRange: entry.key.range), value: entry.value))
            }
        }
        return resource
    }

    mutating func conditionList(_ map: YAMLMapping, _ key: String, path: String) -> RGDConditionList? {
        guard let entry = field(map, key), let list = sequence(entry, path: "\(path).\(key)") else { return nil }
        var items: [YAMLNode] = []
        for (i, item) in list.items.enumerated() where string(item, keyRange: item.range, path: "\(path).\(key)[\(i)]") != nil {
            items.append(item)
        }
        return RGDConditionList(keyRange: entry.key.range, items: items)
    }

    mutating func readExternalRef(_ map: YAMLMapping, node: YAMLNode, keyRange: TextRange, path: String) -> RGDExternalRef {
        checkKnownFields(map, allowed: ["apiVersion", "kind", "metadata"], path: path)
        var ref = RGDExternalRef(node: node, keyRange: keyRange)
        ref.apiVersion = string(map, "apiVersion", path: "\(path).apiVersion")
        ref.kind = string(map, "kind", path: "\(path).kind")
        for required in ["apiVersion", "kind", "metadata"] where field(map, required) == nil {
            report("KRO012", "\(path).\(required): Required value", keyRange)
        }
        guard let metaEntry = field(map, "metadata"), let meta = mapping(metaEntry, path: "\(path).metadata") else { return ref }
        ref.metadata = metaEntry.value
        ref.metadataKeyRange = metaEntry.key.range
        checkKnownFields(meta, allowed: ["name", "namespace", "selector"], path: "\(path).metadata")
        ref.name = string(meta, "name", path: "\(path).metadata.name")
        ref.namespace = string(meta, "namespace", path: "\(path).metadata.namespace")
        if let s = field(meta, "selector"), let sm = mapping(s, path: "\(path).metadata.selector") {
            ref.selector = s.value
            checkKnownFields(sm, allowed: ["matchLabels", "matchExpressions"], path: "\(path).metadata.selector")
        }
        if (field(meta, "name") != nil) == (field(meta, "selector") != nil) {
            report("KRO013", "\(path).metadata: Invalid value: \"object\": exactly one of name or selector must be provided",
                   metaEntry.key.range)
        }
        if let name = ref.name, name.value.isEmpty {
            report("KRO014", "\(path).metadata.name in body should be at least 1 chars long", name.range)
        }
        return ref
    }

    // MARK: patterns (ASCII, no regex engine needed)

    static func matchesAPIVersion(_ s: String) -> Bool {
        var b = Substring(s).utf8[...]
        guard b.first == UInt8(ascii: "v") else { return false }
        b = b.dropFirst()
        let digits = b.prefix { isDigit($0) }
        guard !digits.isEmpty else { return false }
        b = b.dropFirst(digits.count)
        if b.isEmpty { return true }
        for word in ["alpha", "beta"] where b.starts(with: word.utf8) {
            let rest = b.dropFirst(word.utf8.count)
            return !rest.isEmpty && rest.allSatisfy(isDigit)
        }
        return false
    }

    /// `^[A-Z][a-zA-Z0-9]{0,maxTail}$` (`maxTail` nil: unbounded).
    static func matchesKind(_ s: String, maxTail: Int?) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, first >= 65, first <= 90 else { return false }
        if let maxTail, b.count - 1 > maxTail { return false }
        return b.dropFirst().allSatisfy(isAlnum)
    }

    /// `^[a-z]([-a-z0-9]*[a-z0-9])?$`.
    static func matchesDNSLabel(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, isLower(first), let last = b.last, isLower(last) || isDigit(last) else { return false }
        return b.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isLower(c) || (c >= 65 && c <= 90) }
}
