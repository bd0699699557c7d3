/// Reads the YAML that front matter nearly always is without libyaml, which spent about 190,000
/// instructions on each article's few lines (4 % of a full build).
///
/// The subset, line by line: printable ASCII only; a mapping of keys (`[A-Za-z0-9_][A-Za-z0-9_-]*`)
/// whose values are plain scalars, quoted scalars without escapes, flow sequences of plain
/// scalars, block sequences of such scalars (`- item`), or, one level down, a mapping of the same;
/// blank lines and whole-line comments anywhere. For anything else (a tab, a `: ` or ` #` inside a
/// value, an empty value, a duplicate key, a value that goes on to the
/// next line…) ``read(_:lineOffset:)`` answers `nil` and libyaml composes the document, so every
/// document reads exactly as libyaml reads it; `SimpleYAMLTests` compares the two. Callers check
/// size and nesting first (``YAMLDocument/parseItem(_:lineOffset:)``).
enum SimpleYAML {
    /// The root mapping of `yaml` (whose first line is line `lineOffset + 1` of its file), or `nil`
    /// when the document is not in the subset.
    static func read(_ yaml: String, lineOffset: Int) -> YAMLItem? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, lineOffset: lineOffset)
            return reader.document()
        }
    }

    /// One line with content (not blank, not a comment).
    private struct Line {
        /// The offset of its first byte and of its end (the newline or the end of the text).
        var start: Int, end: Int
        /// How many spaces it starts with.
        var indent: Int
        /// Its 1-based number in the document.
        var number: Int
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lineOffset: Int
        var lines: [Line] = []
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
            self.bytes = bytes
            self.lineOffset = lineOffset
        }

        mutating func document() -> YAMLItem? {
            guard splitLines(), let first = lines.first, first.indent == 0,
                  let root = mapping(indent: 0, nestedMappings: true), index == lines.count else { return nil }
            return root
        }

        /// Collects the content lines; `false` when a byte is outside printable ASCII and newline,
        /// or a line is indented deeper than the subset goes.
        private mutating func splitLines() -> Bool {
            lines.reserveCapacity(16)
            var start = 0, number = 1
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A {
                    guard bytes[end] >= 0x20, bytes[end] < 0x7F else { return false }
                    end += 1
                }
                var first = start
                while first < end, bytes[first] == UInt8(ascii: " ") { first += 1 }
                if first < end, bytes[first] != UInt8(ascii: "#") {
                    guard first - start <= 16 else { return false }
                    lines.append(Line(start: start, end: end, indent: first - start, number: number))
                }
                start = end + 1
                number += 1
            }
            return true
        }

        private func position(_ offset: Int, _ line: Line) -> SourcePosition {
            SourcePosition(line: line.number + lineOffset, column: offset - line.start + 1)
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// A mapping whose keys are indented by `indent`; with `nestedMappings`, a key may hold a
        /// mapping on the lines below it.
        private mutating func mapping(indent: Int, nestedMappings: Bool) -> YAMLItem? {
            var pairs: [YAMLItem.Pair] = []
            var start: SourcePosition?
            while index < lines.count {
                let line = lines[index]
                if line.indent < indent { break }
                // A deeper line would continue the previous value or nest under it.
                guard line.indent == indent else { return nil }
                var p = line.start + indent
                guard Self.isKeyStart(bytes[p]) else { return nil }
                while p < line.end, Self.isKeyByte(bytes[p]) { p += 1 }
                guard p < line.end, bytes[p] == UInt8(ascii: ":"),
                      p + 1 == line.end || bytes[p + 1] == UInt8(ascii: " ") else { return nil }
                let keyText = text(line.start + indent..<p)
                // libyaml refuses a duplicate key; let it say so.
                guard !pairs.contains(where: { $0.key.string == keyText }) else { return nil }
                let key = YAMLItem(value: .scalar(keyText, plain: true), position: position(line.start + indent, line))
                start = start ?? key.position
                p += 1
                while p < line.end, bytes[p] == UInt8(ascii: " ") { p += 1 }
                index += 1
                let value: YAMLItem
                if p < line.end {
                    guard let scalar = inlineValue(p, line, flow: true) else { return nil }
                    value = scalar
                } else {
                    // An empty value is null, placed where libyaml decides: left to it.
                    guard index < lines.count else { return nil }
                    let next = lines[index]
                    if isEntry(next), next.indent >= indent {
                        guard let sequence = blockSequence(indent: next.indent) else { return nil }
                        value = sequence
                    } else if nestedMappings, next.indent > indent {
                        guard let nested = mapping(indent: next.indent, nestedMappings: false) else { return nil }
                        value = nested
                    } else {
                        return nil
                    }
                }
                pairs.append(YAMLItem.Pair(key: key, value: value))
            }
            guard let start else { return nil }
            return YAMLItem(value: .mapping(pairs), position: start)
        }

        /// Whether `line` is a block sequence entry (`-` then a space).
        private func isEntry(_ line: Line) -> Bool {
            let p = line.start + line.indent
            return bytes[p] == UInt8(ascii: "-") && p + 1 < line.end && bytes[p + 1] == UInt8(ascii: " ")
        }

        /// A block sequence of scalars whose `-` are indented by `indent`.
        private mutating func blockSequence(indent: Int) -> YAMLItem? {
            var items: [YAMLItem] = []
            let start = position(lines[index].start + indent, lines[index])
            while index < lines.count {
                let line = lines[index]
                if line.indent < indent { break }
                guard line.indent == indent else { return nil }
                guard isEntry(line) else { break }
                var p = line.start + indent + 1
                while p < line.end, bytes[p] == UInt8(ascii: " ") { p += 1 }
                guard p < line.end, let item = inlineValue(p, line, flow: false) else { return nil }
                items.append(item)
                index += 1
            }
            return YAMLItem(value: .sequence(items), position: start)
        }

        /// The value from `p` to the end of `line`: a plain or quoted scalar, or (with `flow`) a flow
        /// sequence of plain scalars.
        private func inlineValue(_ p: Int, _ line: Line, flow: Bool) -> YAMLItem? {
            var end = line.end
            while end > p, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            let first = bytes[p]
            switch first {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // No escapes, no quote inside, nothing after the closing quote.
                guard end - p >= 2, bytes[end - 1] == first else { return nil }
                for q in p + 1..<end - 1 {
                    guard bytes[q] != first, bytes[q] != UInt8(ascii: "\\") else { return nil }
                }
                return YAMLItem(value: .scalar(text(p + 1..<end - 1), plain: false), position: position(p, line))
            case UInt8(ascii: "["):
                guard flow, bytes[end - 1] == UInt8(ascii: "]") else { return nil }
                var items: [YAMLItem] = []
                var itemStart = p + 1
                while itemStart < end - 1, bytes[itemStart] == UInt8(ascii: " ") { itemStart += 1 }
                if itemStart == end - 1 {
                    return YAMLItem(value: .sequence([]), position: position(p, line))
                }
                var q = itemStart
                while true {
                    let byte = bytes[q]
                    if byte == UInt8(ascii: ",") || q == end - 1 {
                        var itemEnd = q
                        while itemEnd > itemStart, bytes[itemEnd - 1] == UInt8(ascii: " ") { itemEnd -= 1 }
                        guard itemEnd > itemStart, Self.isPlainStart(bytes[itemStart]) else { return nil }
                        items.append(YAMLItem(value: .scalar(text(itemStart..<itemEnd), plain: true),
                                              position: position(itemStart, line)))
                        if q == end - 1 { break }
                        itemStart = q + 1
                        while itemStart < end - 1, bytes[itemStart] == UInt8(ascii: " ") { itemStart += 1 }
                        q = itemStart
                        continue
                    }
                    guard !Self.isFlowSpecial(byte) else { return nil }
                    q += 1
                }
                return YAMLItem(value: .sequence(items), position: position(p, line))
            default:
                guard Self.isPlainStart(first) else { return nil }
                for q in p..<end {
                    let byte = bytes[q]
                    if byte == UInt8(ascii: ":"), q + 1 == end || bytes[q + 1] == UInt8(ascii: " ") { return nil }
                    if byte == UInt8(ascii: "#"), bytes[q - 1] == UInt8(ascii: " ") { return nil }
                }
                return YAMLItem(value: .scalar(text(p..<end), plain: true), position: position(p, line))
            }
        }

        private static func isKeyStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): return true
            default: return false
            }
        }

        private static func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || byte == UInt8(ascii: "-")
        }

        /// Bytes a flow item may not hold in the subset.
        private static func isFlowSpecial(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"),
                 UInt8(ascii: ":"), UInt8(ascii: "'"), UInt8(ascii: "\""): return true
            default: return false
            }
        }

        /// Whether a plain scalar may start with `byte` in the subset: not a space and not one of
        /// YAML's indicators.
        private static func isPlainStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"),
                 UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
                 UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                return false
            default:
                return true
            }
        }
    }
}
