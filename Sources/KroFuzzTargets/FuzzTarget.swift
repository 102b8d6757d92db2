/// One stage of the pipeline that a fuzzer can drive with raw bytes.
///
/// Each target runs its stage on the input and returns the invariants the run broke (an
/// empty list means the input was handled). A crash, a hang or a sanitizer report is the
/// fuzzer's own finding; the invariants catch the quieter bugs: a range outside the file,
/// an answer that changes when asked twice, output that does not survive a round trip.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case yaml
    case celParse = "cel-parse"
    case celCheck = "cel-check"
    case celEval = "cel-eval"
    case simpleSchema = "simpleschema"
    case engine
    case json
    case jsonRPC = "jsonrpc"
    case render
    case ide
    case edits
    case reparse

    /// Runs the stage on `input`; returns the broken invariants, each as one sentence.
    public func run(_ input: [UInt8]) -> [String] {
        switch self {
        case .yaml: YAMLFuzz.run(input)
        case .celParse: CELFuzz.parse(input)
        case .celCheck: CELFuzz.check(input)
        case .celEval: CELFuzz.evaluate(input)
        case .simpleSchema: SimpleSchemaFuzz.run(input)
        case .engine: EngineFuzz.run(input)
        case .json: JSONFuzz.run(input)
        case .jsonRPC: JSONRPCFuzz.run(input)
        case .render: RenderFuzz.run(input)
        case .ide: IDEFuzz.run(input)
        case .edits: EditFuzz.run(input)
        case .reparse: ReparseFuzz.run(input)
        }
    }
}
