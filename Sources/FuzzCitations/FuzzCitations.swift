import Foundation
import GuidelinePress

/// The fuzz target: one input through the citation scanner (checking that its pieces give back
/// the input exactly), through the front-matter splitter, the front-matter parser and the
/// Markdown parser, and through the bibliography's JSON reader (checking that it reads what
/// `JSONDecoder` decodes, or gives up). Any crash, hang, broken round trip or disagreement is a
/// finding.
///
/// Built with `Scripts/fuzz.sh`, which passes `-DFUZZING` so that libFuzzer supplies `main`;
/// without that flag the target is a plain executable that replays the files named on its
/// command line (to reproduce a crash under the debugger, or as part of an ordinary build).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzInput.run(bytes)
    return 0
}

/// What one fuzz input goes through.
enum FuzzInput {
    /// Runs every property on `bytes`; traps on a violation.
    static func run(_ bytes: [UInt8]) {
        // The loader's decoding: invalid UTF-8 is rejected there, so only text goes further.
        guard let text = SourceText.decode(bytes) else { return }

        let pieces = CitationParser.scan(text) { SourcePosition(line: 1, column: $0 + 1) }
        var rebuilt = ""
        for piece in pieces {
            switch piece {
            case .text(let s): rebuilt += s
            case .citation(let c): rebuilt += c.source
            case .malformed(let s, _): rebuilt += s
            }
        }
        if rebuilt != text {
            fatalError("citation pieces do not give back the input: \(pieces)")
        }

        let parts = FrontMatterSplitter.split(text)
        if let yaml = parts.yaml {
            _ = FrontMatterParser.parse(yaml)
        }
        let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
        if parts.bodyLineOffset < 0 || parts.bodyLineOffset > lineCount {
            fatalError("body line offset \(parts.bodyLineOffset) outside a text of \(lineCount) lines")
        }
        _ = MarkdownParser.parse(parts.body, lineOffset: parts.bodyLineOffset)

        if !ReferenceLoader.jsonReaderAgreesWithDecoder(text) {
            fatalError("the JSON reader and JSONDecoder disagree")
        }
    }
}

#if !FUZZING
/// Replays inputs from files: `FuzzCitations FILE…`.
@main
struct FuzzReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            FuzzInput.run([UInt8](data))
            print("\(path): ok")
        }
    }
}
#endif
