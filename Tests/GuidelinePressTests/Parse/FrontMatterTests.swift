import Testing
@testable import GuidelinePress

@Suite struct FrontMatterTests {
    @Test func splitsFrontMatterAndCountsTheLinesBeforeTheBody() {
        let parts = FrontMatterSplitter.split("---\nquestion: Why?\nstatus: approved\n---\nBody line\n")
        #expect(parts.yaml == "question: Why?\nstatus: approved\n")
        #expect(parts.body == "Body line\n")
        #expect(parts.bodyLineOffset == 4)
        #expect(!parts.unterminated)
    }

    @Test func acceptsDotsAsTheClosingLine() {
        let parts = FrontMatterSplitter.split("---\na: 1\n...\nText\n")
        #expect(parts.yaml == "a: 1\n")
        #expect(parts.body == "Text\n")
    }

    @Test func noFrontMatterAndUnterminatedFrontMatter() {
        #expect(FrontMatterSplitter.split("Just text\n").yaml == nil)
        #expect(FrontMatterSplitter.split("----\nnot front matter\n").yaml == nil)
        let open = FrontMatterSplitter.split("---\nquestion: x?\nno closing\n")
        #expect(open.yaml == nil)
        #expect(open.unterminated)
    }

    @Test func readsTypedValuesWithTheirFileLines() throws {
        let yaml = """
            question: What is HER2?
            status: approved
            updated: 2025-10-30
            reviewed:
              by: [mlee, jokafor]
              on: 2025-11-02
            topics: [her2]
            related:
              - her2-ihc-2-plus

            """
        let fm = try FrontMatterParser.parse(yaml).get()
        #expect(fm.question?.value == "What is HER2?")
        #expect(fm.question?.position.line == 2)
        #expect(fm.status?.value == .approved)
        #expect(fm.updated?.value == ISODate(year: 2025, month: 10, day: 30))
        #expect(fm.reviewedBy.map(\.value) == ["mlee", "jokafor"])
        #expect(fm.reviewedOn?.value == ISODate(year: 2025, month: 11, day: 2))
        #expect(fm.reviewedOn?.position.line == 7)
        #expect(fm.related.first?.position == SourcePosition(line: 10, column: 5))
        #expect(fm.keys.map(\.value).contains("reviewed.on"))
        #expect(fm.invalid.isEmpty)
    }

    @Test func recordsInvalidValuesAtTheirLine() throws {
        let fm = try FrontMatterParser.parse("question: No question mark\nstatus: aproved\nupdated: 2025-02-30\n").get()
        let byKey = Dictionary(grouping: fm.invalid, by: \.key)
        #expect(byKey["question"]?.first?.position.line == 2)
        #expect(byKey["status"]?.first?.message.contains("did you mean 'approved'?") == true)
        #expect(byKey["updated"]?.first?.position.line == 4)
    }

    /// An empty `status:` says so and what to write, as an empty question does (it was "status ''
    /// is not one of …"); the key is there, so it stays `field-invalid`, not `field-missing`.
    @Test func anEmptyStatusSaysWhatToWrite() throws {
        for text in ["question: a?\nstatus:\n", "question: a?\nstatus: ''\n", "question: a?\nstatus: '  '\n"] {
            let fm = try FrontMatterParser.parse(text).get()
            #expect(fm.invalid.map(\.message) == ["'status' is empty: write submitted, under-review or approved"], "\(text)")
            #expect(fm.invalid.first?.position.line == 3)
        }
    }

    /// A repeated item of `related`, `topics` or `reviewed.by` is reported where it is repeated and
    /// dropped (eighteenth session: the page listed the related question, topic or reviewer twice).
    @Test func aRepeatedListItemIsReportedAndDropped() throws {
        let fm = try FrontMatterParser.parse(
            "question: a?\nrelated: [b, c, b]\ntopics:\n  - x\n  - x\nreviewed:\n  by: [mlee, mlee]\n").get()
        #expect(fm.related.map(\.value) == ["b", "c"])
        #expect(fm.topics.map(\.value) == ["x"])
        #expect(fm.reviewedBy.map(\.value) == ["mlee"])
        #expect(fm.invalid.map(\.key) == ["related", "topics", "reviewed.by"])
        #expect(fm.invalid.map(\.position) == [SourcePosition(line: 3, column: 17), SourcePosition(line: 6, column: 5),
                                                SourcePosition(line: 8, column: 14)])
        #expect(fm.invalid[0].message == "'b' is listed twice in 'related' (first at line 3, column 11)")
    }

    /// A single value where the contract shows a list is `field-invalid` (twentieth session:
    /// `topics: breast cancer, her2` became one topic named "breast cancer, her2").
    @Test func aSingleValueWhereAListBelongsIsReported() throws {
        let fm = try FrontMatterParser.parse(
            "question: a?\ntopics: breast cancer, her2\nrelated: beta\nreviewed:\n  by: mlee\n").get()
        #expect(fm.topics.isEmpty && fm.related.isEmpty && fm.reviewedBy.isEmpty)
        #expect(fm.invalid.map(\.key) == ["topics", "related", "reviewed.by"])
        #expect(fm.invalid.map(\.position.line) == [3, 4, 6])
        #expect(fm.invalid[0].message == "'topics' must be a list: write [breast cancer, her2]")
        // An empty value is an empty list, as before.
        #expect(try FrontMatterParser.parse("question: a?\ntopics:\nrelated: ''\n").get().invalid.isEmpty)
    }

    @Test func yamlSyntaxErrorsPointAtTheYAMLsLineInTheFile() {
        guard case .failure(let fault) = FrontMatterParser.parse("question: ok?\nstatus: [approved\nupdated: 2025-01-01\n") else {
            Issue.record("expected a YAML fault")
            return
        }
        #expect(fault.position.line >= 3)
    }

    /// A duplicate key is reported where it is written again, naming the first line (Yams marks the
    /// first: the probe's `topics:` on lines 5 and 7 was reported at line 5). Lines are the file's:
    /// the front matter starts after the `---` line.
    @Test func aDuplicateKeyIsReportedAtItsRepeat() throws {
        let cases: [(yaml: String, line: Int, column: Int, first: Int)] = [
            ("question: a?\nstatus: submitted\ntopics: [a]\nrelated: []\ntopics: [b]\n", 6, 1, 4),
            ("question: a?\nreviewed:\n  by: [x]\n\n  # a note\n  on: 2025-01-01\n  by: [y]\n", 8, 3, 4),
            ("question: a?\nstatus: x\nquestion  : b?\n", 4, 1, 2),
        ]
        for c in cases {
            guard case .failure(let fault) = FrontMatterParser.parse(c.yaml) else {
                Issue.record("expected a duplicate-key fault: \(c.yaml)")
                continue
            }
            #expect(fault.position.line == c.line && fault.position.column == c.column, "\(c.yaml)")
            #expect(fault.message.hasSuffix("(first given on line \(c.first))"), "\(fault.message)")
        }
        // In a flow mapping the first occurrence stands.
        guard case .failure(let flow) = FrontMatterParser.parse("question: a?\nreviewed: {by: [x], by: [y]}\n") else {
            Issue.record("expected a duplicate-key fault")
            return
        }
        #expect(flow.position.line == 3 && flow.message == "duplicate key 'by'")
    }

    /// A page's `title` and `description` are text: a list or a mapping there is `field-invalid`
    /// where the value is written (it had been dropped in silence, the page titled by its slug).
    @Test func aPageTitleThatIsNotTextIsReported() {
        let file = SourceFile(kind: .page, displayPath: "Content/pages/about.md", relativePath: "pages/about.md",
                              absolutePath: "/nonexistent/pages/about.md")
        let (page, found) = ArticleParser.parsePage("---\ntitle: [About, us]\ndescription:\n  x: 1\ntagline: y\n---\n\nText.\n",
                                                    file: file)
        #expect(page.title == "about")
        #expect(found.map(\.rule) == [.fieldInvalid, .fieldInvalid, .fieldUnknown])
        #expect(found.map(\.line) == [2, 4, 5])
        #expect(found.first?.column == 8 && found.first?.message == "page 'title' must be text, not a list or a mapping")
        let (good, none) = ArticleParser.parsePage("---\ntitle: About us\ndescription: Who we are\n---\n\nText.\n", file: file)
        #expect(good.title == "About us" && none.isEmpty)
    }

    /// Keys are read as text, so two keys with the same text are duplicates whatever YAML would
    /// make of them (`1` and `'1'`, `true` and `"true"`), and a value such as `null`, `1.0` or
    /// `yes` is kept as written.
    @Test func keysAreTextAndValuesAreKeptAsWritten() throws {
        for yaml in ["question: a?\n1: x\n'1': y\n", "question: a?\ntrue: x\n\"true\": y\n",
                     "question: a?\nquestion: b?\n"] {
            guard case .failure(let fault) = FrontMatterParser.parse(yaml) else {
                Issue.record("expected a duplicate-key fault: \(yaml)")
                continue
            }
            #expect(fault.message.hasPrefix("duplicate key"))
        }
        let fm = try FrontMatterParser.parse("question: null?\nstatus: approved\ntopics: [yes, 1.0, ~x]\nrelated: ~\n").get()
        #expect(fm.question?.value == "null?")
        #expect(fm.topics.map(\.value) == ["yes", "1.0", "~x"])
        #expect(fm.related.isEmpty)
    }

    @Test func isoDatesAreChecked() {
        #expect(ISODate("2024-02-29") != nil)
        #expect(ISODate("2023-02-29") == nil)
        #expect(ISODate("2025-1-01") == nil)
        #expect(ISODate("2025-13-01") == nil)
        #expect(ISODate(daysSince1970: ISODate(year: 2025, month: 10, day: 30).daysSince1970) == ISODate(year: 2025, month: 10, day: 30))
    }
}
