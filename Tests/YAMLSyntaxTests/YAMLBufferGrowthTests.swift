import Testing
import YAMLBufferGrowth
#if canImport(Glibc)
import Glibc
#endif

/// The executable's `yaml_string_extend` keeps libyaml's contract (content and write position
/// kept, the bytes added zero) while growing by a quarter past 1 MiB instead of doubling.
@Suite struct YAMLBufferGrowthTests {
    @Test func growsByAQuarterPastOneMebibyteKeepingContentAndPosition() throws {
        var size = 16
        var start: UnsafeMutablePointer<yaml_char_t>? = try #require(calloc(size, 1)?.assumingMemoryBound(to: yaml_char_t.self))
        defer { free(start) }
        var pointer = start, end = start.map { $0 + size }
        var sizes: [Int] = []
        while size < 3 << 20 {
            // Fill what there is with a pattern, leaving the last byte, then grow.
            let used = size - 1
            for i in 0..<used { start![i] = yaml_char_t(truncatingIfNeeded: i &* 31 &+ 7) }
            pointer = start! + used
            #expect(yaml_string_extend(&start, &pointer, &end) == 1)
            let grown = end! - start!
            let buffer = try #require(start)
            #expect(pointer! - buffer == used)
            #expect((0..<used).allSatisfy { buffer[$0] == yaml_char_t(truncatingIfNeeded: $0 &* 31 &+ 7) })
            #expect((used..<grown).allSatisfy { buffer[$0] == 0 })
            sizes.append(grown)
            size = grown
        }
        #expect(sizes.prefix(while: { $0 <= 1 << 20 }).last == 1 << 20)
        #expect(sizes.contains(1 << 20 + 1 << 18))  // 1 MiB, then a quarter more
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 < 1 << 20 ? $1 == 2 * $0 : $1 == $0 + $0 / 4 })
    }

    /// The bytes added are zero also where the allocator hands back memory a freed block
    /// wrote (the growth writes zeros only over bytes that are not zero already).
    @Test func bytesAddedAreZeroOverReusedMemory() throws {
        for size in [64, 4096, 100_000, 1 << 20, 3 << 20] {
            // Leave bytes that are not zero where the grown block may land.
            let garbage = try #require(malloc(2 * size))
            memset(garbage, 0xAB, 2 * size)
            free(garbage)
            var start: UnsafeMutablePointer<yaml_char_t>? = try #require(malloc(size)?.assumingMemoryBound(to: yaml_char_t.self))
            defer { free(start) }
            memset(start!, 0x5A, size)
            var pointer = start.map { $0 + size }, end = pointer
            #expect(yaml_string_extend(&start, &pointer, &end) == 1)
            let buffer = try #require(start)
            let grown = end! - buffer
            #expect(grown > size)
            #expect((0..<size).allSatisfy { buffer[$0] == 0x5A })
            #expect((size..<grown).allSatisfy { buffer[$0] == 0 })
        }
    }
}
