// Reads Markdown on standard input and prints, as JSON, the citations the pipeline finds:
// `{"citations": [[{"id", "prefix", "suffix", "mode"}…]…], "malformed": […]}`, with pandoc's
// mode names, for the differential test against pandoc.
import Foundation
import GuidelinePress

struct Item: Encodable {
    var id: String
    var prefix: String
    var suffix: String
    var mode: String
}

struct Output: Encodable {
    var citations: [[Item]]
    var malformed: [String]
}

let data = FileHandle.standardInput.readDataToEndOfFile()
let found = CitationDump.citations(in: String(decoding: data, as: UTF8.self))
let citations = found.citations.map { citation in
    citation.items.enumerated().map { index, item in
        let mode = item.suppressAuthor ? "SuppressAuthor"
            : (!citation.bracketed && index == 0) ? "AuthorInText" : "NormalCitation"
        return Item(id: item.key, prefix: item.prefix, suffix: item.suffix, mode: mode)
    }
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
FileHandle.standardOutput.write(try encoder.encode(Output(citations: citations, malformed: found.malformed)))
FileHandle.standardOutput.write(Data("\n".utf8))
