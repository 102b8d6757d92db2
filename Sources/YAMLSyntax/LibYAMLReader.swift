import CYAML

/// Drives libyaml's event parser over one stream part and builds its documents.
struct LibYAMLReader {
    let chunk: TextRange
    let limits: YAMLLimits
    let input: ChunkInput
    let dropping: TreeBuilder.ItemDropping

    /// Whether a node carried an anchor or an alias was read (their meaning reaches
    /// across the part: a part parsed alone may then read differently).
    private(set) var sawAnchorsOrAliases = false
    /// The most collections open at once in any document.
    private(set) var deepestNesting = 0
    /// Resource items dropped as they closed, and whether the part was built again without
    /// that (ResourceItemPruning): what the tests see of the early drops.
    private(set) var droppedWhileBuilding = 0
    private(set) var rebuilt = false
    /// Whether a parallel parse's jobs together went over the node limit while this part
    /// was read (`LiveNodes`): its documents are then not the file's, and are parsed again.
    private(set) var wasInterrupted = false

    /// `dropping`: nil drops what `limits.resourceList` says from each document.
    init(source: SourceText, chunk: TextRange, limits: YAMLLimits, dropping: TreeBuilder.ItemDropping? = nil) {
        self.init(input: ChunkInput(source: source, chunk: chunk), limits: limits, dropping: dropping)
    }

    init(input: ChunkInput, limits: YAMLLimits, dropping: TreeBuilder.ItemDropping? = nil) {
        (self.input, self.limits) = (input, limits)
        self.dropping = dropping ?? limits.resourceList.map { .document($0, early: limits.dropsItemsEarly) } ?? .none
        chunk = TextRange(start: input.base, end: input.base + input.bytes.count)
    }

    mutating func run() -> (documents: [YAMLDocument], leftoverErrors: [YAMLError]) {
        let (parsed, droppedWrongly) = runOnce()
        guard droppedWrongly, !wasInterrupted, case .document(let limit, true) = dropping else { return parsed }
        // A later key made the dropped items keep their trees (ResourceItemPruning).
        var again = LibYAMLReader(input: input, limits: limits, dropping: .document(limit, early: false))
        defer {
            (sawAnchorsOrAliases, deepestNesting) = (again.sawAnchorsOrAliases, again.deepestNesting)
            wasInterrupted = again.wasInterrupted
            (droppedWhileBuilding, rebuilt) = (0, true)
        }
        return again.run()
    }

    private mutating func runOnce() -> (parsed: (documents: [YAMLDocument], leftoverErrors: [YAMLError]), droppedWrongly: Bool) {
        var documents: [YAMLDocument] = []
        var droppedWrongly = false
        var builder: TreeBuilder?
        var failure: YAMLError?
        var interrupted = false
        let input = self.input
        let limits = self.limits
        let dropping = self.dropping
        let values = ScalarValueCache(partBytes: input.bytes.count)

        if !input.bytes.isEmpty {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return (([], [YAMLError(message: "libyaml could not be initialised",
                                        range: TextRange(start: chunk.start, end: chunk.start), kind: .limit)]), false)
            }
            defer { yaml_parser_delete(&parser) }
            input.bytes.withUnsafeBufferPointer { buf in
                guard let baseAddress = buf.baseAddress else { return }
                yaml_parser_set_input_string(&parser, baseAddress, buf.count)
                var event = yaml_event_t()
                while true {
                    guard yaml_parser_parse(&parser, &event) == 1 else {
                        failure = Self.error(of: parser, input: input)
                        return
                    }
                    defer { yaml_event_delete(&event) }
                    let start = input.fileOffset(ofIndex: Int(event.start_mark.index))
                    let end = input.fileOffset(ofIndex: Int(event.end_mark.index))
                    switch event.type {
                    case YAML_STREAM_END_EVENT:
                        return
                    case YAML_DOCUMENT_START_EVENT:
                        builder = TreeBuilder(input: input, limits: limits, documentStart: start, dropping: dropping, values: values)
                    case YAML_DOCUMENT_END_EVENT:
                        if let b = builder {
                            let finished = b.finish(documentEnd: end, error: nil)
                            documents.append(finished.document)
                            droppedWrongly = droppedWrongly || finished.droppedWrongly
                            droppedWhileBuilding += b.droppedEarly
                            sawAnchorsOrAliases = sawAnchorsOrAliases || b.sawAnchorsOrAliases
                            deepestNesting = max(deepestNesting, b.deepestNesting)
                        }
                        builder = nil
                    case YAML_SCALAR_EVENT:
                        let s = event.data.scalar
                        let value = UnsafeBufferPointer(start: s.value, count: Int(s.length))
                        builder?.scalar(value: value, style: Self.scalarStyle(s.style), tag: Self.string(s.tag),
                                        anchor: Self.string(s.anchor), start: start, end: end, releaseValue: {
                            // yaml_event_delete frees the value with free(); a null pointer it skips.
                            free(event.data.scalar.value)
                            event.data.scalar.value = nil
                        })
                    case YAML_ALIAS_EVENT:
                        builder?.alias(name: Self.string(event.data.alias.anchor) ?? "", start: start, end: end)
                    case YAML_SEQUENCE_START_EVENT:
                        let s = event.data.sequence_start
                        builder?.open(isMapping: false, flow: s.style == YAML_FLOW_SEQUENCE_STYLE,
                                      tag: Self.string(s.tag), anchor: Self.string(s.anchor), start: start)
                    case YAML_MAPPING_START_EVENT:
                        let s = event.data.mapping_start
                        builder?.open(isMapping: true, flow: s.style == YAML_FLOW_MAPPING_STYLE,
                                      tag: Self.string(s.tag), anchor: Self.string(s.anchor), start: start)
                    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                        builder?.close(end: end)
                    default:
                        break
                    }
                    if let stop = builder?.stopError {
                        failure = stop
                        interrupted = builder?.wasInterrupted ?? false
                        return
                    }
                }
            }
        }
        wasInterrupted = interrupted
        if let failure {
            let b = builder ?? TreeBuilder(input: input, limits: limits, documentStart: documents.last?.range.end ?? chunk.start,
                                           dropping: dropping, values: values)
            sawAnchorsOrAliases = sawAnchorsOrAliases || b.sawAnchorsOrAliases
            let finished = b.finish(documentEnd: chunk.end, error: failure)
            documents.append(finished.document)
            droppedWrongly = droppedWrongly || finished.droppedWrongly
            droppedWhileBuilding += b.droppedEarly
        }
        // The part's documents tile it: the first starts at the part's start, the last
        // ends at its end (its `---`, trailing comments and blank lines included).
        if !documents.isEmpty {
            documents[0].range.start = chunk.start
            documents[documents.count - 1].range.end = max(documents[documents.count - 1].range.end, chunk.end)
        }
        var leftover: [YAMLError] = []
        for error in input.encodingErrors {
            if let i = documents.firstIndex(where: { $0.range.touches(error.range.start) }) {
                documents[i].errors.append(error)
            } else {
                leftover.append(error)
            }
        }
        for i in documents.indices { documents[i].errors.sort { $0.range < $1.range } }
        return ((documents, leftover), droppedWrongly)
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    private static func scalarStyle(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// libyaml's error as a `YAMLError`: "problem context", at the problem's position
    /// (one character long, empty at a line break or the end).
    private static func error(of parser: yaml_parser_t, input: ChunkInput) -> YAMLError {
        var message = string(UnsafeMutablePointer(mutating: parser.problem.map {
            UnsafeRawPointer($0).assumingMemoryBound(to: yaml_char_t.self)
        })) ?? "invalid YAML"
        if let context = parser.context {
            message += " " + String(cString: context)
        }
        let local: Int
        let kind: YAMLErrorKind
        switch parser.error {
        case YAML_READER_ERROR:
            local = min(Int(parser.problem_offset), input.bytes.count)
            kind = .encoding
        case YAML_MEMORY_ERROR:
            local = 0
            kind = .limit
        default:
            local = input.localOffset(ofIndex: Int(parser.problem_mark.index))
            kind = .syntax
        }
        var length = input.characterLength(at: local)
        if length > 0, input.bytes[local] == 0x0A || input.bytes[local] == 0x0D { length = 0 }
        let start = input.base + local
        var contextRange: TextRange?
        if kind == .syntax, parser.context != nil {
            let contextLocal = input.localOffset(ofIndex: Int(parser.context_mark.index))
            let contextStart = input.base + contextLocal
            contextRange = TextRange(start: contextStart, end: contextStart + input.characterLength(at: contextLocal))
        }
        return YAMLError(message: message, range: TextRange(start: start, end: start + length), kind: kind,
                         contextRange: contextRange)
    }
}
