import ArgumentParser
import Foundation
import GuidelinePress

/// `publish`: compiles clinical guideline content into a static site, or checks it.
@main
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Compile clinical guideline content (Markdown with pandoc citations) into a static site.",
        discussion: """
            With no mode, validates and builds the public site; errors stop the build and leave the \
            previous output untouched. Exit status: 0 no errors, 1 content errors, 2 the command could not run, \
            130 or 143 stopped by Ctrl-C or SIGTERM (the previous output left untouched).
            """
    )

    @Flag(help: "Validate only; write nothing.")
    var check = false

    @Flag(help: "Build the editorial board's review site (writes to Review unless --output is given).")
    var review = false

    @Option(help: "The content folder.")
    var content = "Content"

    @Option(help: "The templates folder.")
    var templates = "Templates"

    @Option(help: "The output folder (default Site, or Review with --review).")
    var output: String?

    @Option(help: "The diagnostics format: text, json or github.")
    var format: String = "text"

    @Flag(help: "Treat warnings as errors: exit 1, and a public build stops as on an error.")
    var warningsAsErrors = false

    /// Runs the command, mapping every argument error to exit status 2 as the contract asks.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }

    mutating func run() throws {
        guard let diagnosticFormat = DiagnosticFormat(rawValue: format) else {
            throw ValidationError("--format must be text, json or github")
        }
        if check && review { throw ValidationError("--check and --review cannot be combined") }
        if check && output != nil { throw ValidationError("--check writes nothing; --output does not apply") }
        let mode: Publisher.Mode = check ? .check : review ? .review : .publish
        let options = Publisher.Options(content: content, templates: templates,
                                        output: output ?? (review ? "Review" : "Site"), mode: mode,
                                        warningsAsErrors: warningsAsErrors)
        let report: Publisher.Report
        // The process ends with the run: its last mappings go with the exit, which is quicker.
        Publisher.leavesMappingsToExit = true
        // `--check` writes nothing: Ctrl-C ends it as any program.
        let signals = mode == .check ? [] : Self.catchStopSignals()
        defer { signals.forEach { $0.cancel() } }
        do {
            report = try Publisher.run(options)
        } catch let failure as Publisher.Failure {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            throw ExitCode(2)
        } catch let stopped as Publisher.Stopped {
            FileHandle.standardError.write(Data("\(stopped): '\(options.output)' was left unchanged\n".utf8))
            throw ExitCode(128 + stopped.signal)
        }
        // Written at once, not through `print`, whose buffer (when the output is not a terminal)
        // was flushed after what goes to standard error: with `2>&1` in CI, "wrote … files" cut
        // a diagnostic line in two.
        FileHandle.standardOutput.write(Data(diagnosticFormat.format(report.diagnostics, articleCount: report.articleCount).utf8))
        let failed = report.failed(warningsAsErrors: warningsAsErrors)
        switch mode {
        case .publish where failed:
            FileHandle.standardError.write(Data("build stopped: '\(options.output)' was left unchanged\n".utf8))
        case .publish, .review:
            let reused = report.filesReused > 0 ? " (\(report.filesReused) unchanged since the last build)" : ""
            FileHandle.standardError.write(Data("wrote \(report.filesWritten) files to '\(options.output)'\(reused)\n".utf8))
        case .check:
            break
        }
        if let signal = StopRequest.signal {
            // Asked too late to stop: the new site was already going in.
            let stopped = Publisher.Stopped(signal: signal)
            FileHandle.standardError.write(Data("\(stopped) after '\(options.output)' was already being replaced: the build finished\n".utf8))
            throw ExitCode(128 + signal)
        }
        if failed { throw ExitCode(1) }
    }

    /// Turns SIGINT (Ctrl-C) and SIGTERM into a ``StopRequest``: the build stops at its next safe
    /// point, removes what it wrote and leaves the previous site, and the command exits with status
    /// 128 + the signal (130, 143). A second signal ends the process at once, as `kill -9` would;
    /// the next build clears what it left. Called before the build starts any thread: on Linux,
    /// Dispatch reads signals through a `signalfd`, which sees only signals every thread blocks.
    static func catchStopSignals() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { signalNumber in
            #if canImport(Glibc)
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, signalNumber)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            #else
            signal(signalNumber, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if !StopRequest.post(signal: signalNumber) { _exit(128 + signalNumber) }
            }
            source.resume()
            return source
        }
    }
}
