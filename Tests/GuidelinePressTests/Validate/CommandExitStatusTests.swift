import Foundation
import Testing
@testable import GuidelinePress

/// End to end: the built `publish` binary's output formats and exit statuses (§1).
@Suite struct CommandExitStatusTests {
    /// Runs `publish` with `arguments` (through the end-to-end tests' runner).
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let result = try PublishCommandTests.run(arguments, in: FileManager.default.currentDirectoryPath)
        return (result.status, result.stdout, result.stderr)
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
