/// A growable byte buffer for decoding strings with escapes: a document's strings reuse
/// it, and runs are copied with `memcpy` (`Array.append(contentsOf:)` cost ~170
/// instructions a call, and a didOpen's text has an escape per line).
final class ScratchBytes {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    /// The own buffer while `bytes` points at a borrowed one.
    private var own: (bytes: UnsafeMutablePointer<UInt8>, capacity: Int)?

    deinit { (own?.bytes ?? bytes).deallocate() }

    /// Writes go to `out` (large enough for all of them) until `endBorrow`.
    func borrow(_ out: UnsafeMutableBufferPointer<UInt8>) {
        own = (bytes, capacity)
        bytes = out.baseAddress ?? bytes
        capacity = out.count
        count = 0
    }

    func endBorrow() {
        guard let own else { return }
        (bytes, capacity) = own
        self.own = nil
        count = 0
    }

    func removeAll() { count = 0 }

    func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let start = run.baseAddress, !run.isEmpty else { return }
        reserve(run.count)
        (bytes + count).update(from: start, count: run.count)
        count += run.count
    }

    func append(_ byte: UInt8) {
        reserve(1)
        bytes[count] = byte
        count += 1
    }

    /// The bytes as a String (they are well-formed UTF-8: the reader checked them).
    func string() -> String {
        String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        precondition(own == nil, "a borrowed buffer is sized for all its bytes")
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.moveInitialize(from: bytes, count: count)
        bytes.deallocate()
        bytes = moved
        capacity = grown
    }
}
