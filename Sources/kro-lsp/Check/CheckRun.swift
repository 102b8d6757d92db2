import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KroEngine
import YAMLSyntax

/// `kro-lsp --check`: select files, analyse them on every core, re-grade and print.
/// Exit status: 0 clean (warnings allowed unless `--warnings-as-errors`/`--max-warnings`),
/// 1 when a finding fails the run, 2 on a usage or I/O problem (a missing path, an
/// unreadable CRD or configuration, an empty selection).
struct CheckRun {
    var paths: [String]
    var overrides: ConfigurationCache.Overrides
    var format: CheckFormat
    var color: ColorChoice
    var maxWarnings: Int?
    var baseline: String?

    /// The most one run reads, all files together: every file's analysis is kept until the
    /// run's findings are known (instance files are admitted against every RGD of the run),
    /// so memory grows with the total (twelve 48 MB files peaked at 1.3 GB; 1,600 RGDs of
    /// 229 KB, 366 MB, at 1.37 GB). An RGD's analysis keeps up to 11 times its text (100
    /// files of 10,000 one-line resources, 118 MB, peaked at 1.10 GB). A run's first file is
    /// read whatever its size up to the file limit: one file's analysis is bounded by the
    /// limits on what it holds (resources per RGD, YAML nodes per file), at about four
    /// times its text when large.
    static let maxTotalBytes = 64 << 20

    /// The findings one run lists, all files together (`RunFindingBudget`); the rest are
    /// counted in the summary and the exit status.
    static let maxListedFindings = 100_000

    /// Runs the check and exits with its status while the analyses are still referenced:
    /// the process hands their memory back at once instead of freeing a large analysis
    /// object by object (3–5 % of a 10,000-resource check).
    func runAndExit() -> Never {
        var analyses: [DocumentAnalysis] = []
        let status = run(keeping: &analyses)
        withExtendedLifetime(analyses) { exit(status) }
    }

    /// `kept`: the run's analyses, for the caller to release (or not) when it likes.
    func run(keeping kept: inout [DocumentAnalysis]) -> Int32 {
        guard let bundle = CRDOptions.bundle() else { return 2 }
        let configurations = ConfigurationCache(overrides: overrides, bundle: bundle)
        let selection = CheckSelection(paths: paths, configurations: configurations)
        for problem in selection.problems { CheckOutput.printError(problem) }
        guard !selection.files.isEmpty || selection.readsStdin else {
            if selection.problems.isEmpty {
                let hint = selection.leftOut > 0
                    ? "the include and exclude globs of .kro-lsp.yaml left out the \(selection.leftOut) found"
                    : "hint: name files or folders holding *.yaml or *.yml"
                CheckOutput.printError("no YAML files to check in \(paths.joined(separator: " ")) (\(hint))")
            }
            return 2
        }
        var named: [(path: String, display: String?)] = selection.files.map { ($0, $0) }
        if selection.readsStdin { named.append(("<stdin>", nil)) }
        let inputs = named
        // Contexts (configuration, CRDs) are resolved before the parallel part, once each.
        let contexts = inputs.map { configurations.context(for: $0.display) }
        if !configurations.problems.isEmpty {
            for problem in configurations.problems { CheckOutput.printError(problem) }
            return 2
        }
        let baselineRGDs = baseline.map { BaselineCheck.load($0) }
        if let baselineRGDs, !baselineRGDs.problems.isEmpty {
            for problem in baselineRGDs.problems { CheckOutput.printError(problem) }
            return 2
        }

        let stdinBytes = selection.readsStdin ? (try? FileBytes.read(descriptor: STDIN_FILENO).get()) ?? [] : []
        // Phase 1: analyse every file, then again those whose RGDs use the kind another
        // RGD of the run defines (RGD chaining). Phase 2 needs all of them: instance files
        // are admitted against the CRDs of every RGD of the run.
        var unreadable = [String?](repeating: nil, count: inputs.count)
        var total = stdinBytes.count
        var firstOver: Int?
        let files: [CheckedFile?] = inputs.enumerated().map { i, input in
            if input.display == nil { return CheckedFile(path: input.path, source: SourceText(bytes: stdinBytes)) }
            guard firstOver == nil else { return nil }
            switch FileBytes.read(input.path) {
            case .success(let bytes):
                total += bytes.count
                guard total <= Self.maxTotalBytes || total == bytes.count else {
                    firstOver = i
                    return nil
                }
                return CheckedFile(path: input.path, source: SourceText(bytes: bytes))
            case .failure(let failure):
                unreadable[i] = failure.message(input.path)
                return nil
            }
        }
        if let i = firstOver {
            let rest = inputs[i...].filter { $0.display != nil }.count - 1
            unreadable[i] = "\(inputs[i].path): the files of this run add up to more than \(Self.maxTotalBytes >> 20) MiB, "
                + "kro-lsp's limit for one run; this file and the \(rest) after it are not checked "
                + "(check fewer files at once, or exclude some in .kro-lsp.yaml)"
        }
        // Read once: Foundation reads the cgroup files on each call.
        let threads = ProcessInfo.processInfo.activeProcessorCount
        /// `isTemplate`: a Helm-template skip replaced the analysis's findings.
        /// `types`: when the analysis's trees were let go, its documents' types (for admission).
        typealias Analysed = (file: CheckedFile, analysis: DocumentAnalysis, isTemplate: Bool, types: DocumentTypes?)
        let budget = RunFindingBudget(paths: inputs.map(\.path), limit: Self.maxListedFindings)
        let dropsTrees = inputs.count > 1
        let analyses = RGDChaining.analyze(count: inputs.count, parallel: true, location: { inputs[$0].display ?? "<stdin>" },
                                           rgds: { (a: Analysed) in a.analysis.rgds }) { i, chained -> Analysed? in
            guard let file = files[i] else { return nil }
            var options = contexts[i].options
            options.chainedKinds = chained
            // One large RGD uses every core too (the files of a run share them already).
            options.analysisThreads = threads
            // Nothing after the findings reads expressions, checks or typing environments.
            options.retention = .findings
            var analysis = DocumentAnalyzer.analyze(file.source, options: options)
            let skipped = TemplateSkip.diagnostic(for: analysis)
            if let skipped {
                // A template's one finding, instead of what its text gave.
                analysis.diagnostics = [skipped]
                options.policy.apply(&analysis.diagnostics)
            }
            if !budget.keeps(i, analysis.diagnostics) {
                // An RGD's list may be the file's, shared: both go.
                analysis.diagnostics = []
                for r in analysis.rgds.indices { analysis.rgds[r].diagnostics = [] }
            }
            // Kept until the run's findings are known: without its trees when other files
            // wait (a file alone would only pay for freeing them).
            let types = dropsTrees ? analysis.dropTrees() : nil
            return (file: file, analysis: analysis, isTemplate: skipped != nil, types: types)
        }
        let analysed = analyses
        kept = analysed.compactMap { $0?.analysis }
        let kinds = InstanceKindIndex(rgds: analysed.compactMap { $0 }.flatMap(\.analysis.rgds))
        var results = [CheckReport.FileFindings?](repeating: nil, count: inputs.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
                guard let (file, analysis, isTemplate, types) = analysed[i] else { return }
                let added = isTemplate ? [] : addedFindings(analysis, types: types, context: contexts[i], kinds: kinds,
                                                            baseline: baselineRGDs)
                guard !budget.listsNothing(i, analysis: analysis.diagnostics, added: added) else {
                    slots[i] = CheckReport.FileFindings(file: file, diagnostics: [])
                    return
                }
                // The analysis's own list is not copied when nothing is added to it.
                slots[i] = CheckReport.FileFindings(file: file, diagnostics: added.isEmpty ? analysis.diagnostics
                                                                                           : analysis.diagnostics + added)
            }
        }
        let failures = unreadable.compactMap { $0 }
        for failure in failures { CheckOutput.printError(failure) }

        let dropped = budget.dropped
        let report = CheckReport(filesChecked: results.lazy.filter { $0 != nil }.count, files: results.compactMap { $0 },
                                 listLimit: Self.maxListedFindings,
                                 dropped: .init(bySeverity: dropped.bySeverity, firstPath: dropped.first.map { inputs[$0].path }))
        results = []
        var out = OutputStream()
        write(report, to: &out)
        out.flush()
        StandardStreams.writeError(report.summary + "\n")

        if !selection.problems.isEmpty || !failures.isEmpty { return 2 }
        if report.count(.error) > 0 { return 1 }
        if let maxWarnings, report.count(.warning) > maxWarnings {
            CheckOutput.printError("\(report.count(.warning)) warnings exceed --max-warnings \(maxWarnings)")
            return 1
        }
        return 0
    }

    /// What a file's findings add to its analysis's (suppressions and the severity policy
    /// included; not asked of a template): instance admission against the run's RGDs and
    /// breaking changes against the baseline, graded by the same policy.
    /// `types`: the documents' types when the analysis's trees were let go; the file is
    /// then parsed again, if a document is of a type the run defines, and its tree goes
    /// once it is admitted (the threads hold one file's tree each).
    private func addedFindings(_ analysis: DocumentAnalysis, types: DocumentTypes?, context: ConfigurationCache.Context,
                               kinds: InstanceKindIndex, baseline: BaselineCheck.Loaded?) -> [Diagnostic] {
        let limits = context.options.limits
        var added: [Diagnostic] = []
        if let types {
            if kinds.admitsAny(of: types) {
                added = Preview.instanceDiagnostics(YAMLParser.parse(analysis.source, limits: limits.yaml), kinds: kinds, limits: limits)
            }
        } else {
            added = Preview.instanceDiagnostics(analysis.yaml, kinds: kinds, limits: limits)
        }
        if let baseline { added += BaselineCheck.breakingChanges(in: analysis, against: baseline) }
        context.options.policy.apply(&added)
        return added
    }

    private func write(_ report: CheckReport, to out: inout OutputStream) {
        switch format {
        case .text:
            let terminal = isatty(STDOUT_FILENO) == 1
            let colored = color == .always || (color == .auto && terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            TextFormat(snippets: terminal || color == .always, color: colored).write(report, to: &out)
        case .json: JSONFormat().write(report, to: &out)
        case .sarif: SARIFFormat(root: SARIFFormat.repositoryRoot()).write(report, to: &out)
        case .github: GitHubFormat().write(report, to: &out)
        }
    }
}
