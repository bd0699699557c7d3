import Foundation
import Testing
@testable import GuidelinePress

/// Runs the built `publish` binary, as an author or CI would.
@Suite struct PublishCommandTests {
    /// The `publish` executable beside the test bundle's resources.
    static func binary() throws -> String {
        let products = try fixtures().deletingLastPathComponent().deletingLastPathComponent()
        let path = products.appendingPathComponent("publish").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    /// 2026-01-01, `TestContent.today`, for the fixture sites' review dates.
    static let fixtureEpoch = "1767225600"
    /// 2026-10-01: after the sample content's last review (a later date is `field-invalid`).
    static let sampleEpoch = "1790812800"

    /// The `publish` process for `arguments`, run in `folder` on the day `epoch` says.
    static func process(_ arguments: [String], in folder: String, epoch: String = fixtureEpoch) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = epoch
        process.environment = environment
        return process
    }

    static func run(_ arguments: [String], in folder: String,
                    epoch: String = fixtureEpoch) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try process(arguments, in: folder, epoch: epoch)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Standard output and standard error into one pipe, as CI's `2>&1` has them.
    static func runMerged(_ arguments: [String], in folder: String) throws -> String {
        let process = try process(arguments, in: folder)
        let both = Pipe()
        process.standardOutput = both
        process.standardError = both
        try process.run()
        let data = both.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// With both streams in one log, the "wrote … files" line comes after the diagnostics, whole:
    /// it had landed inside a diagnostic line once they passed the output buffer's 4 KB (a probe).
    @Test func diagnosticsAndTheWroteLineDoNotInterleave() throws {
        let body = (1...200).map { "Uncited claim number \($0) about the dose." }.joined(separator: "\n\n")
        let site = try SiteFixture.make(["many": SiteFixture.article("Are there many findings?", body: body + "\n")])
        let work = try TemporaryFolder()
        let templates = packageRoot.appendingPathComponent("Templates").path
        let log = try Self.runMerged(["--review", "--content", site.path, "--templates", templates, "--output", work.url("R")], in: work.path)
        let lines = log.split(separator: "\n")
        #expect(lines.count(where: { $0.hasSuffix(": error: claim has no citation [claim-uncited]") }) == 200)
        #expect(lines.filter { $0.contains("wrote ") } == [lines.last], "\(lines.suffix(3))")
        #expect(lines.dropLast().last?.hasSuffix(" in 1 article") == true, "\(lines.suffix(3))")
    }

    @Test func buildsTheSampleSiteTwiceByteForByte() throws {
        let work = try TemporaryFolder()
        let content = packageRoot.appendingPathComponent("Content").path
        let templates = packageRoot.appendingPathComponent("Templates").path
        let first = try Self.run(["--content", content, "--templates", templates, "--output", work.url("A")], in: work.path, epoch: Self.sampleEpoch)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let second = try Self.run(["--content", content, "--templates", templates, "--output", work.url("B")], in: work.path, epoch: Self.sampleEpoch)
        #expect(second.status == 0)
        let fm = FileManager.default
        let files = try #require(fm.subpaths(atPath: work.url("A"))).sorted()
        #expect(files == (try #require(fm.subpaths(atPath: work.url("B")))).sorted())
        #expect(files.contains("articles/hr-positive-her2-positive-treatment/index.html"))
        #expect(files.contains("questions/index.html"))
        #expect(files.contains("pathways/index.html"))
        #expect(files.contains("404.html"))
        for file in files {
            var isDirectory: ObjCBool = false
            #expect(fm.fileExists(atPath: work.url("A/" + file), isDirectory: &isDirectory), "\(file) is missing")
            if isDirectory.boolValue { continue }
            #expect(fm.contentsEqual(atPath: work.url("A/" + file), andPath: work.url("B/" + file)), "\(file) differs")
            if file.hasSuffix(".html") {
                let html = try String(contentsOfFile: work.url("A/" + file), encoding: .utf8)
                #expect(!html.contains("href=\"/"), "\(file) has a root-relative URL")
                #expect(!html.contains("src=\"/"), "\(file) has a root-relative URL")
                #expect(!html.contains(".md\""), "\(file) links to Markdown source")
            }
        }
    }

    @Test func checkReportsErrorsWithExitStatusOneAndLeavesTheSiteUntouched() throws {
        let site = try SiteFixture.make([
            "x": SiteFixture.article("Q?", body: "Uncited claim.\n\nCited. [@nosuch]\n"),
        ])
        // A previous site (shaped like one: publish refuses to replace a folder of other files).
        let work = try TemporaryFolder(["Site/keep.txt": "previous build", "Site/index.html": "previous home",
                                        "Site/404.html": "previous 404", "Site/assets/style.css": "previous css"])
        let check = try Self.run(["--check", "--content", site.path], in: work.path)
        #expect(check.status == 1)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("articles/x.md:7:1: error: claim has no citation [claim-uncited]") })
        #expect(lines.contains { $0.contains("articles/x.md:9:") && $0.contains("[citation-unknown]") })
        #expect(lines.last?.hasPrefix("2 errors,") == true)

        let build = try Self.run(["--content", site.path, "--templates", packageRoot.appendingPathComponent("Templates").path],
                                 in: work.path)
        #expect(build.status == 1)
        #expect(try work.read("Site/keep.txt") == "previous build")
        #expect(try work.read("Site/index.html") == "previous home")
        #expect(try work.read("Site/assets/style.css") == "previous css")
    }

    @Test func environmentProblemsExitWithStatusTwo() throws {
        let work = try TemporaryFolder()
        #expect(try Self.run(["--check", "--content", "missing"], in: work.path).status == 2)
        #expect(try Self.run(["--no-such-flag"], in: work.path).status == 2)
        #expect(try Self.run(["--check", "--format", "xml"], in: work.path).status == 2)
        let site = try SiteFixture.make(["x": SiteFixture.article("Q?", body: "Cited. [@a2020]\n")])
        let noTemplates = try Self.run(["--content", site.path, "--templates", work.url("none")], in: work.path)
        #expect(noTemplates.status == 2)
    }

    @Test func jsonAndGitHubFormats() throws {
        let site = try SiteFixture.make(["x": SiteFixture.article("Q?", body: "Uncited claim.\n")])
        let json = try Self.run(["--check", "--format", "json", "--content", site.path], in: site.path)
        #expect(json.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let first = try #require(parsed?.first { $0["rule"] as? String == "claim-uncited" })
        #expect(first["line"] as? Int == 7)
        #expect(first["column"] as? Int == 1)
        #expect(first["severity"] as? String == "error")
        let github = try Self.run(["--check", "--format", "github", "--content", site.path], in: site.path)
        #expect(github.stdout.contains("::error file="))
        #expect(github.stdout.contains(",line=7,col=1,title=claim-uncited::claim has no citation"))
    }
}
