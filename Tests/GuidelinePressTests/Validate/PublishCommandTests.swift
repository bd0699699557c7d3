import Foundation
import Testing
@testable import GuidelinePress

/// End to end: the built `publish` binary's output formats and exit statuses (§1).
@Suite struct PublishCommandTests {
    /// The `publish` binary beside the test bundle.
    static var binary: String? {
        var folder = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("publish").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `publish` with `arguments`; returns its exit status and standard output.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary, "build the publish product first"))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1767225600"  // 2026-01-01
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test func exitStatusIsZeroOneOrTwo() throws {
        let valid = try TestContent.fixtureSite("valid")
        let error = try TestContent.fixtureSite("invalid/claim-uncited")
        let warning = try TestContent.fixtureSite("invalid/field-unknown")
        #expect(try run(["--check", "--content", valid]).status == 0)
        #expect(try run(["--check", "--content", error]).status == 1)
        #expect(try run(["--check", "--content", warning]).status == 0)
        #expect(try run(["--check", "--content", warning, "--warnings-as-errors"]).status == 1)
        #expect(try run(["--check", "--content", valid, "--warnings-as-errors"]).status == 0)
        // The command could not run.
        let missing = try run(["--check", "--content", "/nonexistent/guideline-press"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("does not exist"))
        #expect(try run(["--check", "--content", valid, "--format", "xml"]).status == 2)
        #expect(try run(["--check", "--no-such-flag"]).status == 2)
        #expect(try run(["--check", "--review", "--content", valid]).status == 2)
        #expect(try run(["--check", "--content"]).status == 2)
    }

    @Test func formatsOnTheCommandLine() throws {
        let content = try TestContent.fixtureSite("invalid/claim-uncited")
        let text = try run(["--check", "--content", content]).output
        #expect(text == "\(content)/articles/alpha.md:18:1: error: claim has no citation [claim-uncited]\n"
                + "1 error, 0 warnings in 2 articles\n")
        let json = try run(["--check", "--content", content, "--format", "json"]).output
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["line"] as? Int == 18)
        let github = try run(["--check", "--content", content, "--format", "github"]).output
        #expect(github.hasPrefix("::error file="))
        #expect(github.hasSuffix(",line=18,col=1,title=claim-uncited::claim has no citation\n"))
    }
}
