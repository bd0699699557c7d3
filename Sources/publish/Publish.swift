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
            previous output untouched. Exit status: 0 no errors, 1 content errors, 2 the command could not run.
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
        do {
            report = try Publisher.run(options)
        } catch let failure as Publisher.Failure {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            throw ExitCode(2)
        }
        print(diagnosticFormat.format(report.diagnostics, articleCount: report.articleCount), terminator: "")
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
        if failed { throw ExitCode(1) }
    }
}
