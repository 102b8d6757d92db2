import ArgumentParser

/// The values of a command's array arguments, gathered before swift-argument-parser reads
/// the rest. The parser appends each value in time proportional to the values before it (it
/// merges their origins): `--check` of 20,000 paths spent 9 s parsing them, and 40,000 would
/// take 36 s. The parser sees the first value of each gathered argument, so it still checks
/// that one is there and that the combination is valid; the command receives them all.
struct GatheredArguments: Equatable {
    /// What the parser reads.
    var parserArguments: [String] = []
    /// Every positional argument, in order.
    var positionals: [String] = []
    /// The values of each gathered option, by its long name (`--crd`), in order.
    var values: [String: [String]] = [:]

    /// `valueOptions`: every option that takes a value (so the argument after it is not
    /// positional); `gathered`: the repeatable ones among them whose values are gathered;
    /// `gatherPositionals`: whether the positional arguments are gathered too (else the
    /// parser sees them all, and says when there are too many).
    init(_ arguments: [String], valueOptions: Set<String>, gathered: Set<String>, gatherPositionals: Bool = true) {
        var afterTerminator = false
        var i = 0
        func positional(_ argument: String) {
            if positionals.isEmpty || !gatherPositionals { parserArguments.append(argument) }
            positionals.append(argument)
        }
        func value(_ name: String, _ value: String, spelled: [String]) {
            if values[name] == nil { parserArguments += spelled }
            values[name, default: []].append(value)
        }
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if afterTerminator {
                positional(argument)
            } else if argument == "--" {
                afterTerminator = true
                parserArguments.append(argument)
            } else if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--"),
                      gathered.contains(String(argument[..<equals])) {
                value(String(argument[..<equals]), String(argument[argument.index(after: equals)...]), spelled: [argument])
            } else if valueOptions.contains(argument), i < arguments.count {
                let next = arguments[i]
                i += 1
                if gathered.contains(argument) {
                    value(argument, next, spelled: [argument, next])
                } else {
                    parserArguments += [argument, next]
                }
            } else if argument.hasPrefix("-"), argument != "-" {
                parserArguments.append(argument)
            } else {
                positional(argument)
            }
        }
    }
}

/// A command whose array arguments are gathered before parsing (`GatheredArguments`).
protocol GathersArguments: ParsableCommand {
    /// Every option that takes a value, by its long name.
    static var valueOptions: Set<String> { get }
    /// The repeatable options whose values are gathered.
    static var gatheredOptions: Set<String> { get }
    /// Whether the positional arguments are gathered (an array of them).
    static var gathersPositionals: Bool { get }
    /// Takes every value gathered (the parser set the first of each).
    mutating func receive(_ gathered: GatheredArguments)
}

extension GathersArguments {
    static var gathersPositionals: Bool { false }
}
