import JSON
import YAMLSyntax

/// Finds every expression of an RGD where kro looks for them (rgd.md §8.1) and reports
/// extraction problems: nesting (KRO301/403/410), non-standalone entries (KRO302/410),
/// lints KRO901–903, and the status block's shape (KRO401/402/404).
struct ExpressionCollector {
    var expressions: [RGDExpression] = []
    /// Unterminated `${…` (no stage reports on them; see `recordUnterminated`).
    var unterminated: [RGDExpression] = []
    var diagnostics: [Diagnostic] = []
    /// The parser nests no deeper, so no expression is left out (it stopped at 200 levels,
    /// silently).
    private let maxDepth = YAMLLimits.default.maxDepth
    /// Expressions recorded per resource index (-1: the status block), for the limit.
    private let maxPerResource: Int
    /// The recorded paths, sharing their prefixes (a copy of the walk's stack each was most
    /// of the memory of deep templates).
    private(set) var paths: SharedPathBuilder
    private var counts: [Int: Int] = [:]
    /// While walking the status block: its leaves without an expression (KRO404). Nil
    /// elsewhere, so template walks copy no paths for them.
    private var plainLeaves: [(path: [SchemaPathSegment], range: TextRange)]?

    /// The text the resources are read from, when known: a template subtree whose source
    /// holds none of the bytes an expression needs is not walked (`mayHoldExpressions`).
    private let source: SourceText?
    /// Where in the resource being collected an expression may be. Nil: not known,
    /// everything is walked.
    private var needles: NeedleRuns?

    init(maxPerResource: Int = AnalysisLimits().maxExpressionsPerResource, source: SourceText? = nil,
         paths: SharedPathBuilder = SharedPathBuilder()) {
        self.maxPerResource = maxPerResource
        self.source = source
        self.paths = paths
    }

    mutating func collect(_ rgd: ResourceGraphDefinition) {
        for r in rgd.resources { collect(r) }
        collectStatus(of: rgd)
    }

    /// The expressions of one resource (template or externalRef, forEach, includeWhen,
    /// readyWhen), in that order.
    mutating func collect(_ r: RGDResource) {
        needles = source.flatMap { NeedleRuns(in: $0, r.node.range) }
        defer { needles = nil }
        let owner = (r.index, r.id?.value)
        if let t = r.template {
            walk(t, kind: .template, owner: owner, path: [], depth: 0)
        } else if let ref = r.externalRef {
            walk(ref.node, kind: .externalRef, owner: owner, path: [], depth: 0)
        }
        for dim in r.forEach {
            single(dim.value, kind: .forEach(iterator: dim.name.value), owner: owner, path: [.field(dim.name.value)])
        }
        for (i, item) in (r.includeWhen?.items ?? []).enumerated() {
            single(item, kind: .includeWhen, owner: owner, path: [.field("includeWhen"), .index(i)])
        }
        for (i, item) in (r.readyWhen?.items ?? []).enumerated() {
            single(item, kind: .readyWhen, owner: owner, path: [.field("readyWhen"), .index(i)])
        }
    }

    /// The status fields' expressions and `status.conditions`.
    mutating func collectStatus(of rgd: ResourceGraphDefinition) {
        if let status = rgd.schema?.status?.mapping { collectStatus(status) }
    }

    // MARK: status (rgd.md §12.1)

    private mutating func collectStatus(_ status: YAMLMapping) {
        plainLeaves = []
        for entry in status.effectiveEntries {
            guard let key = entry.key.keyString else { continue }
            if key == "conditions" {
                collectConditions(entry.value)
                continue
            }
            walk(entry.value, kind: .status, owner: (nil, nil), path: [.field(key)], depth: 0)
        }
        for leaf in plainLeaves ?? [] {
            diagnostics.append(Diagnostic(
                code: "KRO404",
                message: "status fields without expressions are not supported: [\(TemplateFieldPath.format(leaf.path))]",
                range: leaf.range))
        }
        plainLeaves = nil
    }

    private mutating func collectConditions(_ node: YAMLNode) {
        guard let list = node.sequence else {
            if AdmissionReader.isNull(node) { return }
            diagnostics.append(Diagnostic(
                code: "KRO401",
                message: "status.conditions must be a list, got \(goTypeName(node))", range: node.range))
            return
        }
        for (i, item) in list.items.enumerated() {
            guard let s = item.scalar, case .string = s.resolved else {
                diagnostics.append(Diagnostic(
                    code: "KRO402",
                    message: "status.conditions[\(i)] must be a CEL expression string, got \(goTypeName(item))",
                    range: item.range))
                continue
            }
            single(item, kind: .condition, owner: (nil, nil), path: [.field("conditions"), .index(i)])
        }
    }

    /// The Go type name `encoding/json` gives a value (for kro's `%T` messages).
    private func goTypeName(_ node: YAMLNode) -> String {
        switch AdmissionReader.jsonType(node) {
        case "object": "map[string]interface {}"
        case "array": "[]interface {}"
        case "boolean": "bool"
        case "integer": "int64"
        case "number": "float64"
        case "string": "string"
        default: "<nil>"
        }
    }

    // MARK: walking

    private mutating func walk(_ node: YAMLNode, kind: ExpressionKind, owner: (Int?, String?),
                               path: [SchemaPathSegment], depth: Int) {
        var path = path
        walk(node, kind: kind, owner: owner, path: &path, depth: depth)
    }

    /// `path` is one stack for the whole walk (pushed and popped around each child), copied
    /// only into what is recorded: most nodes record nothing. An alias is walked as its
    /// target, a leaf it stands for recorded at `leafRange` (the alias's own range).
    private mutating func walk(_ node: YAMLNode, kind: ExpressionKind, owner: (Int?, String?),
                               path: inout [SchemaPathSegment], depth: Int, leafRange: TextRange? = nil) {
        guard depth < maxDepth else { return }
        switch node {
        case .alias:
            // Only aliases are resolved: `resolvedNode` copies the node (stored inline, a copy
            // retains its fields), which every node visited would pay.
            guard let target = node.resolvedNode else { return }
            // The target lies outside the resource's needles: walked whole.
            let inResource = needles
            needles = nil
            walk(target, kind: kind, owner: owner, path: &path, depth: depth, leafRange: leafRange ?? node.range)
            needles = inResource
        case .mapping(let m):
            guard mayHoldExpressions(m.range) else { return }
            for entry in m.effectiveEntries {
                guard let key = entry.key.keyString else { continue }
                // A string key's text is its key string: most hold no `${` to report.
                if ExpressionScanner.containsOpening(key) { checkKey(entry.key) }
                path.append(.field(key))
                walk(entry.value, kind: kind, owner: owner, path: &path, depth: depth + 1)
                path.removeLast()
            }
        case .sequence(let s):
            guard mayHoldExpressions(s.range) else { return }
            for (i, item) in s.items.enumerated() {
                path.append(.index(i))
                walk(item, kind: kind, owner: owner, path: &path, depth: depth + 1)
                path.removeLast()
            }
        case .scalar(let s):
            // Outside the status block a value without `${` records nothing: it is not
            // resolved (a plain scalar's resolution tries it as a number first).
            if plainLeaves == nil, !ExpressionScanner.containsOpening(s.value) { return }
            guard case .string = s.resolved else {
                plainLeaves?.append((path, leafRange ?? node.range))
                return
            }
            if !value(s, kind: kind, owner: owner, path: path) { plainLeaves?.append((path, leafRange ?? node.range)) }
        }
    }

    /// Whether a collection at `range` may hold an expression (in a value or a key) or an
    /// alias: outside the status block (whose plain leaves are reported) a subtree without
    /// any needle records nothing, so it is not walked. Collections only: their range spans
    /// their keys and values.
    private func mayHoldExpressions(_ range: TextRange) -> Bool {
        guard let needles, plainLeaves == nil else { return true }
        return needles.any(in: range)
    }

    /// KRO902: map keys are never evaluated.
    private mutating func checkKey(_ key: YAMLNode) {
        guard let s = key.scalar, case .string = s.resolved else { return }
        let scan = ExpressionScanner.scan(s.value)
        guard let m = scan.matches.first else { return }
        diagnostics.append(Diagnostic(
            code: "KRO902", severity: .warning,
            message: "\"${\(m.text)}\" in a map key is never evaluated: kro treats keys as literal text",
            range: s.sourceMap.sourceRange(forValueRange: m.start..<m.end)))
    }

    /// A standalone-only entry (forEach, includeWhen, readyWhen, conditions).
    private mutating func single(_ node: YAMLNode, kind: ExpressionKind, owner: (Int?, String?),
                                 path: [SchemaPathSegment]) {
        guard let s = node.scalar, case .string = s.resolved else { return }
        if !value(s, kind: kind, owner: owner, path: path) {
            notStandalone(s, kind: kind)
        }
    }

    /// Scans one string value; returns whether it holds at least one expression.
    @discardableResult
    private mutating func value(_ s: YAMLScalar, kind: ExpressionKind, owner: (Int?, String?),
                                path: [SchemaPathSegment]) -> Bool {
        let scan = ExpressionScanner.scan(s.value)
        if let nested = scan.nestedAt {
            let code = kind == .status ? "KRO403" : kind == .condition ? "KRO410" : "KRO301"
            let prefix = kind == .status ? "failed to extract CEL expressions from status: "
                : kind == .condition ? "invalid conditions block: " : ""
            diagnostics.append(Diagnostic(
                code: code, message: prefix + "nested expressions are not allowed unless inside string literals",
                range: s.sourceMap.sourceRange(forValueRange: nested..<(nested + 2))))
            return true
        }
        for start in scan.unterminated {
            diagnostics.append(Diagnostic(
                code: "KRO901", severity: .warning,
                message: "unterminated \"${\": kro keeps this text literally; close it with \"}\" or write ${\"${\"} for a literal",
                range: s.sourceMap.sourceRange(forValueRange: start..<(start + 2))))
            recordUnterminated(s, at: start, kind: kind, owner: owner, path: path)
        }
        guard scan.hasExpressions else { return false }
        if kind.requiresStandalone && !scan.isStandalone {
            notStandalone(s, kind: kind)
            return true
        }
        if kind == .template || kind == .externalRef { lintBlockScalar(s) }
        guard withinLimit(owner, at: s.sourceMap.sourceRange(forValueRange: scan.matches[0].start..<scan.matches[0].end))
        else { return true }
        let standalone = scan.isStandalone
        let built = StringTemplate.celText(value: s.value, matches: scan.matches, standalone: standalone)
        expressions.append(RGDExpression(
            kind: kind, resourceIndex: owner.0, resourceID: owner.1, path: paths.path(for: path),
            form: standalone ? .standalone : .stringTemplate, scalar: s, matches: scan.matches,
            celText: built.text, textMap: CELTextMap(pieces: built.pieces, scalarMap: s.sourceMap)))
        return true
    }

    /// Counts one more expression of `owner`; false (and KRO921 once, at `range`) past the limit.
    private mutating func withinLimit(_ owner: (Int?, String?), at range: TextRange) -> Bool {
        let key = owner.0 ?? -1
        let count = counts[key, default: 0]
        counts[key] = count + 1
        if count < maxPerResource { return true }
        if count == maxPerResource {
            let whose = owner.1.map { "resource \"\($0)\"" } ?? (owner.0 == nil ? "the status block" : "the resource")
            diagnostics.append(Diagnostic(
                code: AnalysisLimits.code,
                message: "\(whose) has more than \(maxPerResource) expressions, kro-lsp's limit per resource; "
                    + "this one and the rest are not checked",
                range: range))
        }
        return false
    }

    /// An unterminated `${` as a standalone expression up to the end of the value, for
    /// editors (`RGDExpression.isUnterminated`).
    private mutating func recordUnterminated(_ s: YAMLScalar, at start: Int, kind: ExpressionKind,
                                             owner: (Int?, String?), path: [SchemaPathSegment]) {
        let bytes = Array(s.value.utf8)
        guard withinLimit(owner, at: s.sourceMap.sourceRange(forValueRange: start..<bytes.count)) else { return }
        let match = ExpressionMatch(start: start, end: bytes.count + 1,
                                    text: String(decoding: bytes[(start + 2)...], as: UTF8.self))
        let built = StringTemplate.celText(value: s.value, matches: [match], standalone: true)
        var e = RGDExpression(
            kind: kind, resourceIndex: owner.0, resourceID: owner.1, path: paths.path(for: path), form: .standalone, scalar: s,
            matches: [match],
            celText: built.text, textMap: CELTextMap(pieces: built.pieces, scalarMap: s.sourceMap))
        e.isUnterminated = true
        unterminated.append(e)
    }

    /// KRO302 / KRO410: the entry must be exactly one `${…}`; highlight the extra text.
    private mutating func notStandalone(_ s: YAMLScalar, kind: ExpressionKind) {
        let scan = ExpressionScanner.scan(s.value)
        var range = s.range
        if let first = scan.matches.first {
            // The text outside the first expression, or the second expression.
            if first.start > 0 {
                range = s.sourceMap.sourceRange(forValueRange: 0..<first.start)
            } else if first.end < scan.length {
                range = s.sourceMap.sourceRange(forValueRange: first.end..<scan.length)
            }
        }
        let code = kind == .condition ? "KRO410" : "KRO302"
        let prefix = kind == .condition ? "invalid conditions block: " : ""
        diagnostics.append(Diagnostic(code: code, message: prefix + "only standalone expressions are allowed",
                                      range: range.length > 0 ? range : s.range))
    }

    /// KRO903: `|`/`>` keep a trailing newline, turning `${x}` into a string template.
    private mutating func lintBlockScalar(_ s: YAMLScalar) {
        guard s.style == .literal || s.style == .folded, s.value.hasSuffix("\n") else { return }
        var trimmed = Substring(s.value)
        while trimmed.hasSuffix("\n") { trimmed = trimmed.dropLast() }
        guard ExpressionScanner.scan(String(trimmed)).isStandalone else { return }
        diagnostics.append(Diagnostic(
            code: "KRO903", severity: .warning,
            message: "the block scalar keeps its trailing newline, so this is a string template (\"${…}\\n\"), not a standalone expression; use \"|-\" or \">-\"",
            range: s.range))
    }
}
