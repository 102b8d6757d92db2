import CYAML
import Foundation

/// libyaml's own event parse of a text: the floor any YAML-based analysis stands on.
enum LibYAMLBaseline {
    /// Seconds for one full event parse; the event count proves the whole stream was read.
    static func parse(_ bytes: [UInt8]) -> (seconds: Double, events: Int) {
        var events = 0
        let elapsed = threadCPU {
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
        return (elapsed, events)
    }

    /// The CPU seconds this thread spends in `body` (the machine is shared: wall time
    /// would count other processes' work).
    static func threadCPU(_ body: () -> Void) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// The best of `runs` parses after a warm-up one: the floor, which is what a shared,
    /// loaded machine lets one measure repeatably.
    static func best(_ bytes: [UInt8], runs: Int = 5) -> Double {
        _ = parse(bytes)
        return (0..<runs).map { _ in parse(bytes).seconds }.min() ?? .nan
    }
}
