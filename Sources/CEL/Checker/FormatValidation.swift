extension CheckRun {
    /// Compile-time validation of a literal format string (cel-go strings extension).
    func validateFormat(_ e: Expr, format: String, args: [Expr]) {
    }
}
