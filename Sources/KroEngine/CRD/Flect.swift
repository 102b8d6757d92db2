/// flect's `Pluralize` (gobuffalo/flect v1.0.3), which kro applies to the lower-cased
/// kind to name the CRD's plural. Reimplemented from its algorithm, quirks included
/// (`repo` → `repoes`, `dns` → `dnsDNSes`).
public enum Flect {
    public static func pluralize(_ s: String) -> String { tables.pluralize(s) }

    private static let tables = Inflections()

    private struct Rule {
        var suffix: String
        /// nil: the word is already plural (kept as is).
        var replacement: String?
    }

    private struct Inflections: Sendable {
        var singleToPlural: [String: String] = [:]
        var pluralToSingle: Set<String> = []
        var rules: [Rule] = []

        init() {
            for word in FlectTables.dictionary {
                singleToPlural[word.singular] = word.plural
                if !word.unidirectional {
                    pluralToSingle.insert(word.plural)
                    if !word.alternative.isEmpty { pluralToSingle.insert(word.alternative) }
                }
            }
            // flect prepends every rule (plural-as-is first, then the rewrite), suffix
            // list first and dictionary after, so later dictionary words win.
            var list: [Rule] = []
            for (singular, plural) in FlectTables.suffixes {
                list.append(Rule(suffix: plural, replacement: nil))
                list.append(Rule(suffix: singular, replacement: plural))
            }
            for word in FlectTables.dictionary where !word.exact {
                list.insert(contentsOf: [Rule(suffix: word.plural, replacement: nil),
                                         Rule(suffix: word.singular, replacement: word.plural)], at: 0)
            }
            rules = list
        }

        func pluralize(_ original: String) -> String {
            guard let last = Self.parts(original).last, !last.isEmpty else { return "" }
            if let p = singleToPlural[original] { return p }
            if pluralToSingle.contains(original) { return original }
            let lower = last.lowercased()
            if pluralToSingle.contains(lower) { return original }
            if var p = singleToPlural[lower] {
                if last == Self.capitalize(last) { p = Self.capitalize(p) }
                return Self.replaceSuffix(original, last, p)
            }
            for rule in rules where last.hasSuffix(rule.suffix) {
                guard let replacement = rule.replacement else { return original }
                return Self.replaceSuffix(original, last, String(last.dropLast(rule.suffix.count)) + replacement)
            }
            if lower.hasSuffix("s") { return original }
            return original + "s"
        }

        /// `strings.TrimSuffix(original, suffix) + new`: when the last part was rewritten
        /// (an acronym in upper case), nothing is trimmed — hence `dnsDNSes`.
        static func replaceSuffix(_ original: String, _ suffix: String, _ new: String) -> String {
            (original.hasSuffix(suffix) ? String(original.dropLast(suffix.count)) : original) + new
        }

        static func capitalize(_ s: String) -> String {
            guard !parts(s).isEmpty, let first = s.first else { return "" }
            return first.uppercased() + s.dropFirst()
        }

        private static let separators: Set<Character> = ["_", " ", ":", "-", "/"]

        private static func isSpace(_ c: Character) -> Bool {
            separators.contains(c) || c.unicodeScalars.allSatisfy { CharText.isSpace($0) }
        }

        private static func isUpper(_ c: Character?) -> Bool { c?.isUppercase ?? false }

        /// flect's word splitting (`toParts`): at separators and lower→upper case changes.
        static func parts(_ input: String) -> [String] {
            let s = CharText.trimSpace(input)
            guard !s.isEmpty else { return [] }
            if FlectTables.acronyms.contains(s.uppercased()) { return [s.uppercased()] }
            var parts: [String] = []
            var prev: Character?
            var x = ""
            for c in s {
                if isSpace(c) || (c.isUppercase && !isUpper(prev))
                    || (c.isUppercase && FlectTables.acronyms.contains(x.uppercased())) {
                    append(&parts, x)
                    x = String(c)
                    prev = c
                    continue
                }
                if c.isLetter || c.isNumber || c.isPunctuation || c == "`" {
                    prev = c
                    x.append(c)
                    continue
                }
                append(&parts, x)
                x = ""
                prev = c
            }
            append(&parts, x)
            return parts
        }

        private static func append(_ parts: inout [String], _ raw: String) {
            var s = Substring(raw)
            while let f = s.first, isSpace(f) || separators.contains(f) { s = s.dropFirst() }
            while let l = s.last, isSpace(l) || separators.contains(l) { s = s.dropLast() }
            var part = String(s)
            if FlectTables.acronyms.contains(part.uppercased()) { part = part.uppercased() }
            if !part.isEmpty { parts.append(part) }
        }
    }
}
