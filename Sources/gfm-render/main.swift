// Reads Markdown on standard input and writes the HTML of the project's Markdown stage
// (``MarkdownHTML``) to standard output: the `--program` of cmark-gfm's spec_tests.py.
import GuidelinePress

var input: [UInt8] = []
while let line = readLine(strippingNewline: false) { input += line.utf8 }
print(MarkdownHTML.render(String(decoding: input, as: UTF8.self)), terminator: "")
