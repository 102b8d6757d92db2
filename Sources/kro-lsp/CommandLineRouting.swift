import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KroEngine

/// Runs a command with the documented exit statuses: usage errors exit 2 with the error
/// and a one-line hint (ArgumentParser's default is 64 and a full usage block).
enum CommandLineRouting {
    static let commandNames = [CRDCommand.configuration.commandName, GraphCommand.configuration.commandName,
                               RenderCommand.configuration.commandName, InstanceCommand.configuration.commandName].compactMap { $0 }

    static func run<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) -> Never {
        do {
            var parsed = try parse(command, arguments)
            // The root command decides in `run()`: it may be the language server.
            if command != KroLSP.self { MemoryTuning.applyForOneShotRun() }
            try parsed.run()
            exitProcess(0)
        } catch {
            if command.exitCode(for: error) == .validationFailure {
                let name = command == KroLSP.self ? "" : " " + command._commandName
                usageError(command.message(for: error), hint: "run 'kro-lsp help\(name)' for the options")
            }
            command.exit(withError: error)
        }
    }

    /// The command `arguments` describe; a command that gathers its array values
    /// (`GathersArguments`) receives them after the parser has read the rest, and is
    /// validated again with them.
    static func parse<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) throws -> ParsableCommand {
        guard let gathering = command as? any GathersArguments.Type else { return try command.parseAsRoot(arguments) }
        let gathered = GatheredArguments(arguments, valueOptions: gathering.valueOptions, gathered: gathering.gatheredOptions,
                                         gatherPositionals: gathering.gathersPositionals)
        let parsed = try command.parseAsRoot(gathered.parserArguments)
        guard var receiver = parsed as? any GathersArguments else { return parsed }
        receiver.receive(gathered)
        try receiver.validate()
        return receiver
    }

    /// `kro-lsp help [COMMAND]`.
    static func help(_ arguments: [String]) -> Never {
        let text: String
        switch arguments {
        case []: text = KroLSP.helpMessage()
        case [CRDCommand.configuration.commandName ?? ""]: text = KroLSP.helpMessage(for: CRDCommand.self)
        case [GraphCommand.configuration.commandName ?? ""]: text = KroLSP.helpMessage(for: GraphCommand.self)
        case [RenderCommand.configuration.commandName ?? ""]: text = KroLSP.helpMessage(for: RenderCommand.self)
        case [InstanceCommand.configuration.commandName ?? ""]: text = KroLSP.helpMessage(for: InstanceCommand.self)
        default:
            usageError("unknown command '\(arguments.joined(separator: " "))'",
                       hint: "commands: \(commandNames.joined(separator: ", "))")
        }
        print(text)
        exitProcess(0)
    }

    static func usageError(_ message: String, hint: String) -> Never {
        StandardStreams.writeError("kro-lsp: \(message)\nhint: \(hint)\n")
        exitProcess(2)
    }
}

/// exit(3) by a name ArgumentParser's `exit` does not shadow.
private func exitProcess(_ status: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #elseif canImport(Darwin)
    Darwin.exit(status)
    #endif
}
