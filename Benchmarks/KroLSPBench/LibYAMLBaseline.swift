import CYAML

/// libyaml's own event parse of a text: the floor any YAML-based analysis stands on.
enum LibYAMLBaseline {
    /// Seconds for one full event parse; the event count proves the whole stream was read.
    static func parse(_ bytes: [UInt8]) -> (seconds: Double, events: Int) {
        let clock = ContinuousClock()
        var events = 0
        let elapsed = clock.measure {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return }
            defer { yaml_parser_delete(&parser) }
            bytes.withUnsafeBufferPointer { buffer in
                yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
                var event = yaml_event_t()
                while yaml_parser_parse(&parser, &event) == 1 {
                    let done = event.type == YAML_STREAM_END_EVENT
                    yaml_event_delete(&event)
                    events += 1
                    if done { break }
                }
            }
        }
        return (elapsed.seconds, events)
    }

    /// The best of `runs` parses after a warm-up one: the floor, which is what a shared,
    /// loaded machine lets one measure repeatably.
    static func best(_ bytes: [UInt8], runs: Int = 5) -> Double {
        _ = parse(bytes)
        return (0..<runs).map { _ in parse(bytes).seconds }.min() ?? .nan
    }
}
