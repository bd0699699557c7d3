import Foundation
import Testing

/// Compares `actual` byte for byte with `Fixtures/golden/<name>`; with `RECORD_GOLDEN=1` in the
/// environment it writes the file into the source tree instead, and fails so that a recording
/// run is never mistaken for a passing one.
func expectGolden(_ actual: String, named name: String,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        // This file sits in the test target's folder, beside `Fixtures`.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: folder.appendingPathComponent(name))
        Issue.record("recorded golden file \(name); run again without RECORD_GOLDEN", sourceLocation: sourceLocation)
        return
    }
    let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                                sourceLocation: sourceLocation)
    let expected = try Data(contentsOf: fixtures.appendingPathComponent("golden/\(name)"))
    #expect(Data(actual.utf8) == expected, "\(name) differs from its golden file; re-record with RECORD_GOLDEN=1 if intended",
            sourceLocation: sourceLocation)
}
