extension StringProtocol {
    /// The text without the leading and trailing Unicode scalars `isTrimmed` accepts
    /// (Foundation's `trimmingCharacters(in:)`, which also works scalar by scalar).
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The text without leading and trailing blanks: Foundation's `CharacterSet.whitespaces`,
    /// which is tab, the space separators (Zs) and U+200B.
    public func trimmingWhitespace() -> String { trimmingScalars(where: \.isBlank) }
}

extension Unicode.Scalar {
    /// In Foundation's `CharacterSet.whitespaces` (listed from it, all 1,114,112 scalars).
    var isBlank: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
