/// Compile-time validation of `"<literal>".format([<list literal>])` (cel-go strings
/// extension): the format string must parse, each clause must suit the static type of
/// its argument, and no argument may be left over. Runs after inference, on final types.
struct FormatCall {
    let call: Expr
    let format: String
    let arguments: [Expr]
}

extension CheckRun {
    func recordFormatCall(_ e: Expr, format: String, args: [Expr]) {
        guard args.count == 1, case .list(let elements, _) = args[0].kind else { return }
        formatCalls.append(FormatCall(call: e, format: format, arguments: elements))
    }

    func validateFormatCalls(types final: NodeTypes) {
        for call in formatCalls { validate(call, final) }
    }

    private func validate(_ call: FormatCall, _ final: NodeTypes) {
        let bytes = Array(call.format.utf8)
        let callSpan = self.callSpan(of: call.call, function: "format", isMember: true)
        var i = 0
        var argIndex = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "%") else { i += 1; continue }
            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "%") { i += 2; continue }
            if i + 1 >= bytes.count { report("unexpected end of string", at: callSpan); return }
            if argIndex >= call.arguments.count { report("index \(argIndex) out of range", at: callSpan); return }
            // Optional precision `.digits`, then the verb.
            var j = i + 1
            if bytes[j] == UInt8(ascii: ".") {
                j += 1
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
                if j >= bytes.count {
                    report("could not parse formatting clause: error while parsing precision: could not find end of precision specifier", at: callSpan)
                    return
                }
            }
            let verb = bytes[j]
            let argument = call.arguments[argIndex]
            let argType = final[argument.id] ?? .dyn
            let problem: (allowed: Bool, message: String)
            switch verb {
            case UInt8(ascii: "s"):
                if let bad = badStringArgument(argument, final) {
                    report("error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given \(typeName(final[bad.id] ?? .dyn))",
                           at: span(of: bad))
                    return
                }
                problem = (true, "")
            case UInt8(ascii: "d"):
                problem = (argType.isKind(of: [.int, .uint, .double]), "decimal clause can only be used on ints, uints, and doubles")
            case UInt8(ascii: "f"):
                problem = (argType.isKind(of: [.int, .uint, .double]), "fixed-point clause can only be used on ints, uints, and doubles")
            case UInt8(ascii: "e"):
                problem = (argType.isKind(of: [.int, .uint, .double]), "scientific clause can only be used on ints, uints, and doubles")
            case UInt8(ascii: "b"):
                problem = (argType.isKind(of: [.bool, .int, .uint]), "only ints, uints, and bools can be formatted as binary")
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                problem = (argType.isKind(of: [.int, .uint, .string, .bytes]), "only ints, uints, bytes, and strings can be formatted as hex")
            case UInt8(ascii: "o"):
                problem = (argType.isKind(of: [.int, .uint]), "octal clause can only be used on ints and uints")
            default:
                let scalar = String(decoding: bytes[j..<min(j + utf8Length(bytes[j]), bytes.count)], as: UTF8.self)
                report("could not parse formatting clause: unrecognized formatting clause \"\(scalar)\"", at: callSpan)
                return
            }
            if !problem.allowed {
                report("error during formatting: \(problem.message), was given \(typeName(argType))", at: span(of: argument))
                return
            }
            i = j + 1
            argIndex += 1
        }
        if call.arguments.count > argIndex {
            report("too many arguments supplied to string.format (expected \(argIndex), got \(call.arguments.count))", at: callSpan)
        }
    }

    /// `%s` accepts primitives, lists and maps; literal lists and maps are checked inside.
    private func badStringArgument(_ e: Expr, _ final: NodeTypes) -> Expr? {
        let t = final[e.id] ?? .dyn
        guard t.isKind(of: [.list(.dyn), .map(.dyn, .dyn), .int, .uint, .double, .bool, .string,
                            .timestamp, .bytes, .duration, .type(.dyn), .null]) else { return e }
        switch e.kind {
        case .list(let elements, _):
            for element in elements { if let bad = badStringArgument(element, final) { return bad } }
        case .map(let entries):
            for entry in entries {
                if let bad = badStringArgument(entry.key, final) ?? badStringArgument(entry.value, final) { return bad }
            }
        default: break
        }
        return nil
    }

    /// cel-go's `TypeName()`: the name without parameters.
    private func typeName(_ t: CELType) -> String {
        switch t {
        case .list: return "list"
        case .map: return "map"
        case .type: return "type"
        case .optional: return "optional_type"
        case .opaque(let name, _): return name
        default: return t.description
        }
    }

    private func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

extension CELType {
    /// Whether the type is `dyn` or of the same kind as one of `kinds` (parameters ignored).
    func isKind(of kinds: [CELType]) -> Bool {
        if self == .dyn { return true }
        return kinds.contains { kind in
            switch (self, kind) {
            case (.list, .list), (.map, .map), (.type, .type): return true
            default: return self == kind
            }
        }
    }
}
