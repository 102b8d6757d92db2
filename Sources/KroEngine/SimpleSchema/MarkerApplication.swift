import JSON
import YAMLSyntax

/// Applies a field's markers to its schema in the order written (simpleschema.md §4.2),
/// then runs the CRD-acceptance checks kro leaves to the API server (errors.md phase 10).
/// A failing marker is reported and skipped so the remaining ones are still checked.
struct MarkerApplication {
    let field: FieldString
    let context: FieldContext
    let name: String
    var diagnostics: [Diagnostic] = []
    /// True once a marker failed: kro rejects the whole field.
    var failed = false

    init(field: FieldString, context: FieldContext, name: String) {
        self.field = field; self.context = context; self.name = name
    }

    /// Appended to CRD-acceptance messages: kro itself builds the RGD without complaint.
    static let acceptanceNote = " (kro accepts this; the API server rejects it when the CRD is applied)"

    private mutating func fail(_ code: String, _ message: String, _ span: CharSpan) {
        diagnostics.append(Diagnostic(code: code, message: context.buildPrefix + message, range: field.range(span)))
        failed = true
    }

    private mutating func acceptance(_ code: String, _ message: String, _ span: CharSpan,
                                     severity: DiagnosticSeverity = .error, related: [RelatedLocation] = []) {
        diagnostics.append(Diagnostic(code: code, severity: severity,
                                      message: message + (severity == .error ? Self.acceptanceNote : ""),
                                      range: field.range(span), related: related))
    }

    private func whole(_ m: LexedMarker) -> CharSpan { CharSpan(lo: m.keySpan.lo, hi: max(m.valueSpan.hi, m.keySpan.hi)) }

    mutating func apply(_ markers: [LexedMarker], to schema: inout JSONObject, parentRequired: inout [String]) {
        var defaultMarker: LexedMarker?
        var listTypeMarker: LexedMarker?
        var listMapKeyMarkers: [LexedMarker] = []
        var limitMarkers: [MarkerKind: LexedMarker] = [:]
        for m in markers {
            let type = schema["type"]?.stringValue ?? ""
            switch m.kind {
            case .required:
                guard let isRequired = GoStrconv.parseBool(m.value) else {
                    fail("KRO117", "failed to parse required marker value: " + boolError(m.value), m.valueSpan)
                    continue
                }
                if isRequired {
                    // The parent's earlier fields have other names: only this field's own
                    // entry (its required type's, or an earlier marker's) can be last. A
                    // search of the whole list made 19,000 required fields quadratic.
                    if parentRequired.last == name {
                        acceptance("KRO507", "required list of the parent object gets \"\(name)\" twice "
                                   + "(its type is already required): required: Duplicate value: \"\(name)\"", whole(m))
                    }
                    parentRequired.append(name)
                }
            case .default:
                if let value = defaultValue(m, type: type) {
                    schema["default"] = value
                    defaultMarker = m
                }
            case .description:
                schema["description"] = .string(m.value)
            case .minimum, .maximum:
                switch GoStrconv.parseFloat(m.value) {
                case .failure(let e):
                    fail("KRO119", "failed to parse \(m.kind.rawValue) enum value: "
                         + GoStrconv.errorText(function: "ParseFloat", input: m.value, e), m.valueSpan)
                case .success(let v):
                    if !v.isFinite {
                        acceptance("KRO503", "\(m.kind.rawValue) \(m.value) cannot be written as JSON: json: unsupported value", m.valueSpan)
                        continue
                    }
                    schema[m.kind.rawValue] = JSONNumber.from(v)
                    limitMarkers[m.kind] = m
                }
            case .validation:
                if m.value.unicodeScalars.allSatisfy(CharText.isSpace) {
                    fail("KRO136", "validation failed", whole(m))
                    continue
                }
                appendValidation(&schema, rule: m.value, message: "validation failed")
            case .immutable:
                guard let isImmutable = GoStrconv.parseBool(m.value) else {
                    fail("KRO117", "failed to parse immutable marker value: " + boolError(m.value), m.valueSpan)
                    continue
                }
                if isImmutable { appendValidation(&schema, rule: "self == oldSelf", message: "field is immutable") }
            case .enum:
                applyEnum(m, type: type, to: &schema)
            case .minLength, .maxLength:
                guard type == "string" else {
                    fail("KRO126", "\(m.kind.rawValue) marker is only valid for string types, got type: \(type)", whole(m))
                    continue
                }
                setInteger(m, code: "KRO127", in: &schema, limits: &limitMarkers)
            case .pattern:
                guard !m.value.isEmpty else { fail("KRO123", "pattern marker value cannot be empty", whole(m)); continue }
                guard type == "string" else {
                    fail("KRO124", "pattern marker is only valid for string types, got type: \(type)", whole(m))
                    continue
                }
                if let problem = RE2Syntax.check(m.value) {
                    fail("KRO125", "invalid pattern regex: " + problem, m.valueSpan)
                    continue
                }
                schema["pattern"] = .string(m.value)
            case .uniqueItems:
                guard let isUnique = GoStrconv.parseBool(m.value) else {
                    fail("KRO117", "failed to parse uniqueItems marker value: " + boolError(m.value), m.valueSpan)
                    continue
                }
                guard type == "array" else {
                    fail("KRO128", "uniqueItems marker is only valid for array types, got type: \(type)", whole(m))
                    continue
                }
                if isUnique {
                    if let lt = schema["x-kubernetes-list-type"]?.stringValue, lt != "set" {
                        fail("KRO130", "cannot set unique when listType is set to \(lt)", whole(m))
                        continue
                    }
                    schema["x-kubernetes-list-type"] = "set"
                    listTypeMarker = m
                }
            case .minItems, .maxItems:
                guard type == "array" else {
                    fail("KRO128", "\(m.kind.rawValue) marker is only valid for array types, got type: \(type)", whole(m))
                    continue
                }
                setInteger(m, code: "KRO129", in: &schema, limits: &limitMarkers)
            case .listType:
                guard type == "array" else { fail("KRO131", "listType marker only applies to array types", whole(m)); continue }
                guard ["atomic", "set", "map"].contains(m.value) else {
                    fail("KRO132", "unsupported value for listType \(m.value), needs to be one of atomic, set, or map", m.valueSpan)
                    continue
                }
                if let old = schema["x-kubernetes-list-type"]?.stringValue, old != m.value {
                    fail("KRO133", "listType attempting to overwrite set type of \(old), this can happen if you set "
                         + "contradictory markers like unique=true | listType=map", whole(m))
                    continue
                }
                schema["x-kubernetes-list-type"] = .string(m.value)
                listTypeMarker = m
            case .listMapKey:
                guard type == "array" else { fail("KRO131", "listMapKey marker only applies to array types", whole(m)); continue }
                var keys = schema["x-kubernetes-list-map-keys"]?.arrayValue ?? []
                if keys.contains(.string(m.value)) {
                    fail("KRO134", "duplicate listMapKey marker, value \(m.value)", whole(m))
                    continue
                }
                keys.append(.string(m.value))
                schema["x-kubernetes-list-map-keys"] = .array(keys)
                listMapKeyMarkers.append(m)
            }
        }
        guard !failed else { return }

        if !listMapKeyMarkers.isEmpty {
            let span = CharSpan(lo: whole(listMapKeyMarkers[0]).lo, hi: whole(listMapKeyMarkers[listMapKeyMarkers.count - 1]).hi)
            switch schema["x-kubernetes-list-type"]?.stringValue {
            case nil:
                fail("KRO135", "listMapKey set while listType is unset, listType must be set to map", span)
            case let lt? where lt != "map":
                fail("KRO135", "listMapKey set while listType is set to \(lt), listType must be set to map", span)
            default: break
            }
        }
        guard !failed else { return }
        checkAcceptance(schema, defaultMarker: defaultMarker, listTypeMarker: listTypeMarker,
                        listMapKeyMarkers: listMapKeyMarkers, limits: limitMarkers)
    }

    private func boolError(_ v: String) -> String {
        "strconv.ParseBool: parsing \(GoStrconv.quote(v)): invalid syntax"
    }

    private func appendValidation(_ schema: inout JSONObject, rule: String, message: String) {
        var rules = schema["x-kubernetes-validations"]?.arrayValue ?? []
        rules.append(["message": .string(message), "rule": .string(rule)])
        schema["x-kubernetes-validations"] = .array(rules)
    }

    private mutating func setInteger(_ m: LexedMarker, code: String, in schema: inout JSONObject,
                                     limits: inout [MarkerKind: LexedMarker]) {
        switch GoStrconv.parseInt(m.value) {
        case .failure(let e):
            fail(code, "failed to parse \(m.kind.rawValue) value: "
                 + GoStrconv.errorText(function: "ParseInt", input: m.value, e), m.valueSpan)
        case .success(let v):
            schema[m.kind.rawValue] = .int(v)
            limits[m.kind] = m
        }
    }

    private mutating func applyEnum(_ m: LexedMarker, type: String, to schema: inout JSONObject) {
        // Split at comma bytes, as Go's `strings.Split` does, in place, with the values
        // reserved once: the items as an array, then the values doubling, held a million
        // enum values 2.5 times.
        let utf8 = m.value.utf8
        var values: [JSONValue] = []
        values.reserveCapacity(utf8.reduce(1) { $1 == UInt8(ascii: ",") ? $0 + 1 : $0 })
        var start = utf8.startIndex
        while true {
            let comma = utf8[start...].firstIndex(of: UInt8(ascii: ","))
            let v = CharText.trimSpace(Substring(utf8[start..<(comma ?? utf8.endIndex)]))
            guard !v.isEmpty else { fail("KRO121", "empty enum values are not allowed", m.valueSpan); return }
            switch type {
            case "string":
                values.append(.string(v))
            case "integer":
                switch GoStrconv.parseInt(v) {
                case .failure(let e):
                    fail("KRO122", "failed to parse integer enum value: "
                         + GoStrconv.errorText(function: "ParseInt", input: v, e), m.valueSpan)
                    return
                case .success(let i):
                    if case .failure = RawJSON.parse(v) {
                        acceptance("KRO503", "enum value \(v) is not valid JSON (kro writes it verbatim)", m.valueSpan)
                    }
                    values.append(.int(i))
                }
            default:
                fail("KRO120", "enum values only supported for string and integer types, got type: \(type)", whole(m))
                return
            }
            guard let comma else { break }
            start = utf8.index(after: comma)
        }
        if !values.isEmpty { schema["enum"] = .array(values) }
    }

    /// The `default` marker (§4.4): kro's per-type check, then the raw JSON kro writes.
    /// When that raw text is not valid JSON, the schema keeps the value kro meant (so the
    /// rest of the analysis can go on) and the field gets a CRD-acceptance error.
    private mutating func defaultValue(_ m: LexedMarker, type: String) -> JSONValue? {
        let v = m.value
        var intended: JSONValue
        let raw: String
        switch type {
        case "string":
            raw = "\"" + v + "\""
            intended = .string(v)
        case "integer":
            guard case .success(let i) = GoStrconv.parseInt(v) else {
                fail("KRO118", "default value must be a valid integer, got: \(v)", m.valueSpan); return nil
            }
            raw = v; intended = .int(i)
        case "number":
            guard case .success(let d) = GoStrconv.parseFloat(v) else {
                fail("KRO118", "default value must be a valid number, got: \(v)", m.valueSpan); return nil
            }
            raw = v; intended = d.isFinite ? JSONNumber.from(d) : .string(v)
        case "boolean":
            guard let b = GoStrconv.parseBool(v) else {
                fail("KRO118", "default value must be a valid boolean, got: \(v)", m.valueSpan); return nil
            }
            raw = v; intended = .bool(b)
        default:
            raw = v; intended = .string(v)
        }
        switch RawJSON.parse(raw) {
        case .success(let parsed):
            if type == "string", parsed != intended {
                acceptance("KRO914", "default \(GoStrconv.quote(v)) is written unescaped as \(raw), which JSON "
                           + "reads as \(Self.describe(parsed)); escape differently or avoid backslashes",
                           m.valueSpan, severity: .warning)
            }
            return parsed
        case .failure(let failure):
            let scalarType = ["string", "integer", "number", "boolean"].contains(type)
            acceptance(scalarType ? "KRO914" : "KRO503",
                       "default value \(raw) is not valid JSON: \(failure.message)", m.valueSpan)
            return intended
        }
    }

    static func describe(_ v: JSONValue) -> String {
        if case .string(let s) = v { return GoStrconv.quote(s) }
        return "\(v)"
    }

    /// CRD-acceptance checks decidable from this field's schema (errors.md phase 10).
    private mutating func checkAcceptance(_ schema: JSONObject, defaultMarker: LexedMarker?,
                                          listTypeMarker: LexedMarker?, listMapKeyMarkers: [LexedMarker],
                                          limits: [MarkerKind: LexedMarker]) {
        if let m = defaultMarker, let value = schema["default"],
           let problem = DefaultValidator.problem(value, schema: .object(schema), path: "default") {
            acceptance("KRO504", "default value does not match the field's schema: \(problem)", m.valueSpan)
        }
        let items = schema["items"]?.objectValue
        if schema["x-kubernetes-list-type"]?.stringValue == "set", let m = listTypeMarker,
           let itemType = items?["type"]?.stringValue, itemType == "object" || itemType == "array" {
            acceptance("KRO505", "x-kubernetes-list-type: Invalid value: \"set\": only allowed for items of "
                       + "scalar type, the items are of type \(itemType)", whole(m))
        }
        for m in listMapKeyMarkers {
            let property = items?["properties"]?[m.value]
            let requiredKeys = items?["required"]?.arrayValue ?? []
            if property == nil {
                acceptance("KRO506", "x-kubernetes-list-map-keys: Invalid value: \"\(m.value)\": the item schema "
                           + "has no property \(m.value)", m.valueSpan)
            } else if let t = property?["type"]?.stringValue, t == "object" || t == "array" {
                acceptance("KRO506", "x-kubernetes-list-map-keys: Invalid value: \"\(m.value)\": must be a scalar "
                           + "property, got type \(t)", m.valueSpan)
            } else if !requiredKeys.contains(.string(m.value)) && property?["default"] == nil {
                acceptance("KRO506", "x-kubernetes-list-map-keys: Invalid value: \"\(m.value)\": a list map key "
                           + "must be required or have a default", m.valueSpan)
            }
        }
        for (lower, upper) in [(MarkerKind.minimum, MarkerKind.maximum), (.minLength, .maxLength), (.minItems, .maxItems)] {
            guard let lm = limits[lower], let um = limits[upper],
                  let lv = schema[lower.rawValue].flatMap(JSONNumber.double),
                  let uv = schema[upper.rawValue].flatMap(JSONNumber.double), lv > uv else { continue }
            let later = lm.keySpan.lo > um.keySpan.lo ? lm : um
            let earlier = later == lm ? um : lm
            acceptance("KRO509", "\(lower.rawValue) \(lm.value) is greater than \(upper.rawValue) \(um.value): no "
                       + "value can satisfy this field", whole(later), severity: .warning,
                       related: [RelatedLocation(range: field.range(whole(earlier)), message: "the other limit")])
        }
    }
}

/// Numbers as kro's JSON carries them: an integral float64 is written without a fraction
/// and read back as an integer.
enum JSONNumber {
    static func from(_ d: Double) -> JSONValue {
        if d == d.rounded(), abs(d) < 9.007_199_254_740_992e15 { return .int(Int64(d)) }
        return .double(d)
    }

    static func double(_ v: JSONValue) -> Double? {
        switch v {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}

extension JSONNumber {
    /// A number for a message: integral values without a fraction, like Go prints them.
    static func text(_ d: Double) -> String {
        if case .int(let i) = from(d) { return String(i) }
        return String(d)
    }
}
