/// A value kept in one heap object, so that a struct holding it copies as one retain; the
/// holder copies the box before changing a value another holder shares
/// (`isKnownUniquelyReferenced`).
final class CopyOnWriteBox<Value>: @unchecked Sendable {  // `value` changes only while uniquely referenced
    var value: Value
    init(_ value: Value) { self.value = value }
}
