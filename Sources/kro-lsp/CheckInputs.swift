import Foundation
import YAMLSyntax

/// Turns the command-line paths into files to check: directories are searched
/// recursively for `*.yaml`/`*.yml` (sorted), `-` is stdin.
enum CheckInputs {
    struct File {
        let path: String
        let source: SourceText
    }

    enum Input {
        case success(File)
        case failure(String)
    }

    static func expand(_ paths: [String]) -> [Input] {
        var inputs: [Input] = []
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inputs.append(.success(File(path: "<stdin>", source: SourceText(bytes: [UInt8](data)))))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                inputs.append(.failure("\(path): no such file or directory"))
                continue
            }
            let files = isDirectory.boolValue ? yamlFiles(under: path) : [path]
            for file in files { inputs.append(read(file)) }
        }
        return inputs
    }

    private static func read(_ path: String) -> Input {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure("\(path): cannot be read")
        }
        return .success(File(path: path, source: SourceText(bytes: [UInt8](data))))
    }

    private static func yamlFiles(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(full)
            }
        }
        return found.sorted()
    }
}
