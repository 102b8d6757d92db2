import CFTS
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path strings and directory walks as the engine and the CLI used them through NSString and
/// FileManager (same results, checked against them), without Foundation.
public enum FilePaths {
    /// `base` and `component` joined by one `/` (NSString's `appendingPathComponent`).
    public static func join(_ base: String, _ component: String) -> String {
        if component.isEmpty { return base }
        if base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// The last component (NSString's `lastPathComponent`): `a/b/` → `b`, `/` → `/`.
    public static func lastComponent(_ path: String) -> String {
        let tidy = tidied(path)
        guard tidy.count > 1, let slash = tidy.lastIndex(of: "/") else { return tidy }
        return String(tidy[tidy.index(after: slash)...])
    }

    /// The path without its last component (NSString's `deletingLastPathComponent`):
    /// `a/b` → `a`, `/a` → `/`, `a` → empty.
    public static func deletingLastComponent(_ path: String) -> String {
        let tidy = tidied(path)
        if tidy == "/" || tidy.isEmpty { return tidy }
        guard let slash = tidy.lastIndex(of: "/") else { return "" }
        return slash == tidy.startIndex ? "/" : String(tidy[..<slash])
    }

    /// NSString's `standardizingPath` as Foundation (Swift 6.3, Linux) computes it: `~`
    /// expanded from the user database, `.` and empty components dropped, `..` taking off the
    /// component before it (absolute paths only), a component that is a symbolic link to an
    /// absolute target replaced by that target with every link in it resolved (links to
    /// relative targets are kept), and a `/private` or `/var/automount` prefix dropped when the
    /// path without it exists. (Measured against NSString, links included, not derived.)
    public static func standardized(_ path: String) -> String {
        var resolved = symlinksResolved(tildeExpanded(path))
        for prefix in ["/private", "/var/automount"] where resolved != prefix && resolved.hasPrefix(prefix) {
            let rest = String(resolved.dropFirst(prefix.count))
            if exists(rest) { resolved = rest }
        }
        return resolved
    }

    /// Every entry under `directory` (files, folders, links; hidden ones too) as a path
    /// relative to it, in walk order, as FileManager's `enumerator(atPath:)` listed them: links
    /// are not followed, other file systems not entered, unreadable folders passed over.
    /// A folder for which `descend` (given the relative path) is false is listed but not entered.
    public static func entries(under directory: String, descend: (String) -> Bool = { _ in true }) -> [String] {
        guard exists(directory) else { return [] }
        var found: [String] = []
        directory.withCString { root in
            var roots: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: root), nil]
            guard let stream = fts_open(&roots, FTS_PHYSICAL | FTS_XDEV | FTS_NOCHDIR | FTS_NOSTAT, nil) else { return }
            defer { fts_close(stream) }
            guard let top = fts_read(stream) else { return }
            // Children are named `<root path without a trailing slash>/<name>`.
            var prefix = Int(top.pointee.fts_pathlen)
            if prefix > 1, top.pointee.fts_path[prefix - 1] == 0x2F { prefix -= 1 }
            prefix += 1
            while let entry = fts_read(stream) {
                let info = Int32(entry.pointee.fts_info)
                let isDirectory = info == FTS_D
                guard isDirectory || [FTS_DEFAULT, FTS_F, FTS_NSOK, FTS_SL, FTS_SLNONE].contains(info) else { continue }
                let length = Int(entry.pointee.fts_pathlen)
                let bytes = UnsafeRawBufferPointer(start: entry.pointee.fts_path, count: length)
                let relative = String(decoding: bytes[min(prefix, length)...], as: UTF8.self)
                if isDirectory, !descend(relative) { fts_set(stream, entry, FTS_SKIP) }
                found.append(relative)
            }
        }
        return found
    }

    /// Slashes collapsed and a trailing one dropped (a lone `/` kept).
    private static func tidied(_ path: String) -> String {
        if path == "/" { return path }
        var out = ""
        var afterSlash = false
        for c in path {
            if c == "/" {
                if afterSlash { continue }
                afterSlash = true
            } else {
                afterSlash = false
            }
            out.append(c)
        }
        if out.hasSuffix("/") { out.removeLast() }
        return out
    }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// True for a device, a pipe or a socket, or a link to one: what a folder walk passes
    /// over (reading a link to /dev/zero never ends; a pipe may never open).
    public static func isSpecialFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// `~` and `~user` at the start replaced by the home folder (a trailing slash dropped).
    private static func tildeExpanded(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let nameEnd = path.firstIndex(of: "/") ?? path.endIndex
        let user = String(path[path.index(after: path.startIndex)..<nameEnd])
        var result: String
        if let home = homeDirectory(user.isEmpty ? nil : user) {
            result = home + path[nameEnd...]
        } else {
            result = path
        }
        if result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result
    }

    private static func homeDirectory(_ user: String?) -> String? {
        let entry = user.map { getpwnam($0) } ?? getpwuid(getuid())
        guard let entry, let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }

    private static func symlinksResolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") || path.hasPrefix("~")
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if path.hasPrefix("/") { components.insert("/", at: 0) }
        guard !components.isEmpty else { return path }
        var resolved = components.removeFirst()
        for component in components {
            switch component {
            case ".": continue
            case ".." where absolute: resolved = deletingLastComponent(resolved)
            default:
                resolved = join(resolved, component)
                if let target = linkTarget(resolved), target.hasPrefix("/"), let real = realPath(target) { resolved = real }
            }
        }
        return resolved
    }

    /// `path` with every link resolved (realpath(3)), nil if some part of it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The target of the symbolic link at `path`, nil if it is not one.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
