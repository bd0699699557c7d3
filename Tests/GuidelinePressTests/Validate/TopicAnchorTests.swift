import Foundation
import Testing
@testable import GuidelinePress

/// A topic is a heading and an anchor of the questions page: topics written two ways with one
/// anchor, and topics with no letter or digit, are field-invalid (the page had duplicate or empty ids).
@Suite struct TopicAnchorTests {
    func findings(_ topics: [String: String]) throws -> [String] {
        var files = TestContent.minimalSite()
        files["articles/test.md"] = nil
        for (slug, list) in topics {
            files["articles/\(slug).md"] = "---\nquestion: Is \(slug) valid?\nstatus: submitted\nupdated: 2025-06-01\ntopics: \(list)\n---\n\nYes. [@smith2020]\n"
        }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .fieldInvalid }
            .map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0) \($0.message)" }
    }

    @Test func topicsWrittenTwoWaysAreReported() throws {
        let found = try findings(["a": "[Breast Cancer, adjuvant]", "b": "[breast-cancer]", "c": "['breast cancer!', Breast Cancer]"])
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.contains("is written 'Breast Cancer' in") && $0.hasSuffix("'topic-breast-cancer': write it one way") })
        #expect(found.contains { $0.hasPrefix("b.md:5 topic 'breast-cancer'") })
        #expect(found.contains { $0.hasPrefix("c.md:5 topic 'breast cancer!'") })
        #expect(try findings(["a": "[Breast Cancer]", "b": "[Breast Cancer, adjuvant]"]).isEmpty)
    }

    @Test func topicsWithoutALetterOrDigitAreReported() throws {
        #expect(try findings(["a": "['', '!!', adjuvant]"]) == ["a.md:5 topic '' has no letter or digit", "a.md:5 topic '!!' has no letter or digit"])
    }

    /// A direction override in a question or topic (Trojan Source style: shown reversed on every
    /// list) is field-invalid; right-to-left text itself is fine.
    @Test func directionControlsAreReported() throws {
        let found = try findings(["a": "[\"adjuvant \u{202E}cba\"]", "b": "[\u{5E9}\u{5DC}\u{5D5}\u{5DD}]"])
        #expect(found == ["a.md:5 topic holds the invisible direction control U+202E, which can make it read as other text"])
        var files = TestContent.minimalSite(article: "---\nquestion: \"Is \u{2067}this\u{2069} valid?\"\nstatus: submitted\nupdated: 2025-06-01\n---\n\nYes. [@smith2020]\n")
        files["pages/x.md"] = nil
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let messages = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .fieldInvalid }.map(\.message)
        #expect(messages == ["question holds the invisible direction control U+2067, which can make it read as other text"])
    }
}
