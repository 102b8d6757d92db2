import Testing
@testable import YAMLSyntax

/// ScalarValueCache gives repeated values one string and every value its exact bytes.
@Suite struct ScalarValueCacheTests {
    /// Where a string's UTF-8 bytes live (nil for a small string, which has no heap storage).
    static func storage(_ s: String) -> UnsafeRawPointer? {
        var copy = s
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    static func cached(_ cache: ScalarValueCache, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { cache.string($0) }
    }

    @Test func repeatedLongValuesShareOneString() {
        let cache = ScalarValueCache(partBytes: 1 << 20)
        let value = Array("${schema.spec.name}-config".utf8)
        let a = Self.cached(cache, value), b = Self.cached(cache, value)
        #expect(a == "${schema.spec.name}-config" && b == a)
        #expect(Self.storage(a) != nil && Self.storage(a) == Self.storage(b))
        let other = Self.cached(cache, Array("${schema.spec.name}-secret".utf8))
        #expect(other == "${schema.spec.name}-secret" && Self.storage(other) != Self.storage(a))
    }

    @Test func everyValueKeepsItsBytesWhenSlotsCollide() {
        // More distinct values than slots: some share a slot and replace each other.
        let cache = ScalarValueCache(partBytes: 1 << 20)
        #expect(cache.slotCount == ScalarValueCache.mostSlots && ScalarValueCache(partBytes: 1000).slotCount == 16)
        let values = (0..<(3 * cache.slotCount)).map { "value-number-\($0)-of-many" }
        for _ in 0..<2 {
            for v in values { #expect(Self.cached(cache, Array(v.utf8)) == v) }
        }
    }

    @Test func shortLongAndInvalidValuesAreMadeAsBefore() {
        let cache = ScalarValueCache(partBytes: 1 << 20)
        let long = String(repeating: "x", count: ScalarValueCache.longestCached + 1)
        let a = Self.cached(cache, Array(long.utf8)), b = Self.cached(cache, Array(long.utf8))
        #expect(a == long && b == long && Self.storage(a) != Self.storage(b))
        #expect(Self.cached(cache, Array("fifteen-bytes!!".utf8)) == "fifteen-bytes!!")
        // Bytes that are not UTF-8 are repaired, as String(decoding:) does, each time.
        let invalid: [UInt8] = Array("0123456789abcdef".utf8) + [0xFF, 0x41]
        let repaired = String(decoding: invalid, as: UTF8.self)
        #expect(Self.cached(cache, invalid) == repaired && Self.cached(cache, invalid) == repaired)
    }

    @Test func aParsedFileSharesItsRepeatedValues() {
        let text = """
            a: kro.run/v1alpha1-long
            b: 'kro.run/v1alpha1-long'
            c: kro.run/v1alpha1-longer
            d: [kro.run/v1alpha1-long]\r\n
            """
        let (_, mapping) = parseMapping(text)
        let a = scalar(mapping, "a"), b = scalar(mapping, "b"), c = scalar(mapping, "c")
        let d = mapping?.value(forKey: "d")?.sequence?.items.first?.scalar
        #expect(a?.value == "kro.run/v1alpha1-long" && b?.value == a?.value && d?.value == a?.value)
        #expect(c?.value == "kro.run/v1alpha1-longer")
        #expect(Self.storage(a!.value) == Self.storage(b!.value) && Self.storage(a!.value) == Self.storage(d!.value))
        // Sharing a string changes nothing else: each keeps its own range and style.
        #expect(a?.style == .plain && b?.style == .singleQuoted && a?.range != b?.range)
    }
}
