extension CELEnvironment {
    /// The names `name` may refer to from the container, most qualified first (cel-go's
    /// candidate names): in container `a.b`, `x` may be `a.b.x`, `a.x` or `x`. A leading
    /// dot (`.x`) names the root scope only.
    public func candidateNames(for name: String) -> [String] {
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        guard !container.isEmpty else { return [name] }
        var candidates: [String] = []
        var prefix = Substring(container)
        while !prefix.isEmpty {
            candidates.append("\(prefix).\(name)")
            if let dot = prefix.lastIndex(of: ".") { prefix = prefix[..<dot] } else { prefix = "" }
        }
        candidates.append(name)
        return candidates
    }

    /// The variable or type a (possibly container-relative) name refers to.
    public func resolveIdentifier(_ name: String) -> VariableDecl? {
        if isOwnCandidate(name) { return lookupIdentifier(name) }
        for candidate in candidateNames(for: name) {
            if let decl = lookupIdentifier(candidate) { return decl }
        }
        return nil
    }

    /// The function a (possibly container-relative) name refers to.
    public func resolveFunction(_ name: String) -> FunctionDecl? {
        if isOwnCandidate(name) { return lookupFunction(name) }
        for candidate in candidateNames(for: name) {
            if let fn = lookupFunction(candidate) { return fn }
        }
        return nil
    }

    /// Whether `name` is its only candidate (no container, no leading dot): kro's case,
    /// answered without building the candidate list.
    private func isOwnCandidate(_ name: String) -> Bool {
        container.isEmpty && name.utf8.first != UInt8(ascii: ".")
    }
}
