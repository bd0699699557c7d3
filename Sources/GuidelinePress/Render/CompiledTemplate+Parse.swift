/// The compiler's parser: swift-mustache 2.1.1's parser (`Template+Parser.swift`) step for step, so
/// that text, whitespace and standalone lines come out exactly as swift-mustache renders them.
///
/// It reads characters (grapheme clusters) as swift-mustache does. It throws ``Unsupported`` for set
/// delimiters, pragmas, transforms and dynamic partials, and for anything swift-mustache rejects
/// (which never reaches it: swift-mustache parses every template first).
extension CompiledTemplate {
    /// A token as swift-mustache's parser produces it, before names become paths.
    private enum Token {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, [Token])
        case invertedSection(String, [Token])
        case blockDefinition(String, [Token])
        case blockExpansion(String, [Token], indentation: String)
        case partial(String, indentation: String?, inherits: [String: [Token]]?)
    }

    /// swift-mustache's `ParserState` without the delimiters (always `{{` `}}` here) and transforms.
    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: Substring?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    /// A position in the template's text, read character by character like swift-mustache's `Parser`.
    private struct Cursor {
        let text: String
        var position: String.Index

        var atEnd: Bool { position == text.endIndex }
        /// The current character, or NUL at the end.
        var current: Character { atEnd ? "\0" : text[position] }

        mutating func advance() { position = text.index(after: position) }

        @discardableResult
        mutating func read(while predicate: (Character) -> Bool) -> Substring {
            let start = position
            while !atEnd, predicate(text[position]) { advance() }
            return text[start..<position]
        }

        /// Reads `string` if it comes next; throws when fewer characters than it has remain.
        mutating func read(_ string: String) throws(Unsupported) -> Bool {
            var end = position
            for _ in 0..<string.count {
                guard end != text.endIndex else { throw Unsupported(reason: "unexpected end of template") }
                end = text.index(after: end)
            }
            guard text[position..<end] == string else { return false }
            position = end
            return true
        }
    }

    private static let spaceOrTab: Set<Character> = [" ", "\t"]
    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// Parses a template's text and lays its tokens out as a program.
    static func parseProgram(_ text: String) throws(Unsupported) -> Program {
        var cursor = Cursor(text: text, position: text.startIndex)
        var builder = ProgramBuilder()
        builder.emit(try parse(&cursor, state: State()))
        return Program(instructions: builder.instructions, texts: builder.texts, paths: builder.paths,
                       partials: builder.partials, blocks: builder.blocks)
    }

    /// Lays tokens out as instructions, each body right after its instruction.
    private struct ProgramBuilder {
        var instructions: [Instruction] = []
        var texts: [String] = []
        var paths: [Path] = []
        var partials: [Partial] = []
        var blocks: [Block] = []

        mutating func emit(_ tokens: [Token]) {
            for token in tokens {
                switch token {
                case .text(let text):
                    append(.text, texts.count)
                    texts.append(text)
                case .variable(let name, let escaped):
                    append(escaped ? .variable : .rawVariable, paths.count)
                    paths.append(Path(name))
                case .section(let name, let body):
                    paths.append(Path(name))
                    emit(.section, paths.count - 1, body: body)
                case .invertedSection(let name, let body):
                    paths.append(Path(name))
                    emit(.invertedSection, paths.count - 1, body: body)
                case .blockExpansion(let name, let body, let indentation):
                    blocks.append(Block(name: name, indentation: indentation))
                    emit(.block, blocks.count - 1, body: body)
                case .partial(let name, let indentation, let inherits):
                    let index = instructions.count, partial = partials.count
                    append(.partial, partial)
                    partials.append(Partial(name: name, indentation: indentation, overrides: nil))
                    guard let inherits else { continue }
                    // The overrides follow the instruction, which skips them.
                    var overrides: [String: Range<Int>] = [:]
                    for (block, body) in inherits.sorted(by: { $0.key < $1.key }) {
                        let start = instructions.count
                        emit(body)
                        overrides[block] = start..<instructions.count
                    }
                    // Its own entry: the overrides may have added partials of their own after it.
                    partials[partial] = Partial(name: name, indentation: indentation, overrides: overrides)
                    instructions[index] = Instruction(kind: .partial, operand: instructions[index].operand,
                                                      end: Int32(instructions.count))
                case .blockDefinition:
                    // Only found directly inside a parent, where `parse` turns them into overrides.
                    preconditionFailure("block definition outside a parent")
                }
            }
        }

        private mutating func append(_ kind: Instruction.Kind, _ operand: Int) {
            instructions.append(Instruction(kind: kind, operand: Int32(operand), end: Int32(instructions.count + 1)))
        }

        private mutating func emit(_ kind: Instruction.Kind, _ operand: Int, body: [Token]) {
            let index = instructions.count
            append(kind, operand)
            emit(body)
            instructions[index] = Instruction(kind: kind, operand: Int32(operand), end: Int32(instructions.count))
        }
    }

    private static func parse(_ cursor: inout Cursor, state: State) throws(Unsupported) -> [Token] {
        var tokens: [Token] = []
        var state = state
        var whiteSpaceBefore: Substring = ""
        while !cursor.atEnd {
            if state.newLine {
                let whiteSpace = cursor.read(while: { spaceOrTab.contains($0) })
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // The first line of a block override sets the indentation removed from its lines.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent.count)
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilTagOrNewline(&cursor)
            if cursor.current.isNewline {
                tokens.append(.text(String(whiteSpaceBefore) + text + String(cursor.current)))
                state.newLine = true
                cursor.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if cursor.atEnd { break }

            /// Writes the pending whitespace as text.
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
            }
            var setNewLine = false
            switch cursor.current {
            case "#", "^":
                let inverted = cursor.current == "^"
                cursor.advance()
                let name = try parseName(&cursor)
                if isStandalone(&cursor, state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let body = try parse(&cursor, state: state.withSectionName(name, newLine: setNewLine))
                tokens.append(inverted ? .invertedSection(name, body) : .section(name, body))

            case "/":
                cursor.advance()
                let name = try parseName(&cursor)
                guard name == state.sectionName else { throw Unsupported(reason: "section closed with the wrong name") }
                if !isStandalone(&cursor, state) {
                    flushWhiteSpace()
                }
                return tokens

            case "!":
                cursor.advance()
                try skipComment(&cursor)
                setNewLine = isStandalone(&cursor, state)

            case "{":
                flushWhiteSpace()
                cursor.advance()
                let name = try parseName(&cursor)
                guard !cursor.atEnd, cursor.current == "}" else { throw Unsupported(reason: "unfinished tag") }
                cursor.advance()
                tokens.append(.variable(name, escaped: false))

            case "&":
                flushWhiteSpace()
                cursor.advance()
                tokens.append(.variable(try parseName(&cursor), escaped: false))

            case ">":
                cursor.advance()
                cursor.read(while: \.isWhitespace)
                guard cursor.current != "*" else { throw Unsupported(reason: "dynamic partial") }
                let name = try parsePartialName(&cursor)
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                }
                if isStandalone(&cursor, state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: String(whiteSpaceBefore), inherits: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, inherits: nil))
                }
                whiteSpaceBefore = ""

            case "<":
                cursor.advance()
                cursor.read(while: \.isWhitespace)
                let name = try parsePartialName(&cursor)
                guard name.first != "*" else { throw Unsupported(reason: "dynamic parent") }
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                }
                if isStandalone(&cursor, state) {
                    setNewLine = true
                }
                var inherits: [String: [Token]] = [:]
                for token in try parse(&cursor, state: state.withInheritancePartial(name)) {
                    switch token {
                    case .blockDefinition(let block, let body): inherits[block] = body
                    case .text: break
                    default: throw Unsupported(reason: "tag inside a parent outside a block")
                    }
                }
                tokens.append(.partial(name, indentation: String(whiteSpaceBefore), inherits: inherits))
                whiteSpaceBefore = ""

            case "$":
                cursor.advance()
                let name = try parseName(&cursor)
                if state.isPartialDefinitionTopLevel {
                    setNewLine = isStandalone(&cursor, state)
                    let body = try parse(&cursor, state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockDefinition(name, body))
                } else {
                    if !whiteSpaceBefore.isEmpty {
                        tokens.append(.text(String(whiteSpaceBefore)))
                    }
                    setNewLine = isStandalone(&cursor, state)
                    let body = try parse(&cursor, state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockExpansion(name, body, indentation: String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }

            case "=":
                throw Unsupported(reason: "set delimiters")

            case "%":
                throw Unsupported(reason: "pragma")

            default:
                flushWhiteSpace()
                tokens.append(.variable(try parseName(&cursor), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported(reason: "section not closed") }
        return tokens
    }

    /// Text up to the next `{{` (which it reads) or line break (which it does not).
    private static func readUntilTagOrNewline(_ cursor: inout Cursor) throws(Unsupported) -> String {
        var total = ""
        while !cursor.atEnd {
            total += cursor.read(while: { $0 != "\n" && $0 != "\r\n" && $0 != "{" })
            if cursor.current.isNewline {
                break
            } else if cursor.current == "{" {
                if try cursor.read("{{") { break }
                total.append("{")
                cursor.advance()
            }
        }
        return total
    }

    /// A tag's name up to and including `}}`; a name with parentheses (a transform) is unsupported.
    private static func parseName(_ cursor: inout Cursor) throws(Unsupported) -> String {
        let name = try parseName(&cursor, characters: nameCharacters)
        guard !name.contains("("), !name.contains(")") else { throw Unsupported(reason: "transform") }
        return name
    }

    /// A partial's or parent's name up to and including `}}`.
    private static func parsePartialName(_ cursor: inout Cursor) throws(Unsupported) -> String {
        try parseName(&cursor, characters: partialNameCharacters)
    }

    /// A name made of `characters`, with the white space around it, up to and including `}}`.
    private static func parseName(_ cursor: inout Cursor, characters: Set<Character>) throws(Unsupported) -> String {
        cursor.read(while: \.isWhitespace)
        let name = String(cursor.read(while: { characters.contains($0) }))
        cursor.read(while: \.isWhitespace)
        guard try cursor.read("}}") else { throw Unsupported(reason: "unfinished tag") }
        return name
    }

    /// Skips a comment's text and its `}}`.
    private static func skipComment(_ cursor: inout Cursor) throws(Unsupported) {
        while !cursor.atEnd {
            if cursor.current == "}" {
                cursor.advance()
                if !cursor.atEnd, cursor.current == "}" {
                    cursor.advance()
                    return
                }
                continue
            }
            cursor.advance()
        }
        throw Unsupported(reason: "unfinished comment")
    }

    /// Whether the tag just read stands alone on its line; if so, reads the rest of the line.
    private static func isStandalone(_ cursor: inout Cursor, _ state: State) -> Bool {
        guard state.newLine else { return false }
        if cursor.atEnd { return true }
        var rest = cursor
        rest.read(while: { spaceOrTab.contains($0) })
        guard rest.current.isNewline else { return false }
        rest.advance()
        cursor = rest
        return true
    }
}
