/// How operators read in source, for signatures and docs: `_+_` is written `_ + _`.
enum OperatorSyntax {
    /// The source form of an operator function, `_` standing for each operand; nil for
    /// functions called by name.
    static func pattern(_ function: String) -> String? {
        switch function {
        case Operator.conditional: "_ ? _ : _"
        case Operator.index: "_[_]"
        case Operator.optionalIndex: "_[?_]"
        case Operator.optionalSelect: "_.?_"
        case Operator.in: "_ in _"
        case Operator.logicalNot: "!_"
        case Operator.negate: "-_"
        default:
            if function.count > 2, function.hasPrefix("_"), function.hasSuffix("_"), !function.dropFirst().dropLast().contains("_") {
                "_ \(function.dropFirst().dropLast()) _"
            } else {
                nil
            }
        }
    }
}
