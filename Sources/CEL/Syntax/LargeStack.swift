#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs deep recursive work on a thread with a large stack. The parser is recursive
/// descent; a debug build spends tens of kilobytes of stack per nesting level, so cel-go's
/// 250 levels would overflow a secondary thread's stack. Inputs that nest deeply are
/// parsed (and deep trees evaluated, `Program`) on a dedicated thread (its stack is
/// reserved, only touched pages are used).
enum LargeStack {
    /// Enough for the limit (250 levels) in a debug build, with a wide margin, and for
    /// AddressSanitizer's frames (several times larger) at cel-go's limits.
    static let size = 256 << 20

    /// `body` on a thread with a `size`-byte stack; the caller waits for it.
    static func run(_ body: () -> Void) {
        withoutActuallyEscaping(body) { body in
            let context = Unmanaged.passRetained(Job(body)).toOpaque()
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t?
            #endif
            let created = pthread_create(&thread, &attributes, { context in
                Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
            guard created == 0 else {
                // No thread (resource limits): run here, as before.
                Unmanaged<Job>.fromOpaque(context).release()
                return body()
            }
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            pthread_join(thread!, nil)
            #endif
        }
    }

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// The deepest bracket nesting of `bytes` (strings not skipped: an overestimate is harmless).
    static func bracketDepth(_ bytes: [UInt8]) -> Int {
        var depth = 0, deepest = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default: break
            }
        }
        return deepest
    }

    /// Nesting below this depth parses on the caller's thread.
    static let inlineDepth = 40
}
