import JSON

/// The raw JSON kro writes into `default` and `enum`, read as the API server's decoder
/// reads it (strict RFC 8259, Go's error wording): `+5`, `007`, `True`, `NaN`,
/// unescaped control characters and trailing text are rejected.
enum RawJSON {
    struct Failure: Error, Equatable { var message: String }

    static func parse(_ text: String) -> Result<JSONValue, Failure> {
        do {
            return .success(try JSONParser.parse(text))
        } catch {
            return .failure(Failure(message: error.message))
        }
    }
}
