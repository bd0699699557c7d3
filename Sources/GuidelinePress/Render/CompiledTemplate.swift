/// A Mustache template compiled into a flat list of instructions, for the subset of Mustache that the
/// site's templates use, rendered without swift-mustache's dynamic casts and context copies.
///
/// It gives swift-mustache's output byte for byte (its parsing, standalone lines, context lookup,
/// sections and inheritance, not the Mustache spec's where the two differ), except that `{{name}}`
/// is escaped with ``HTML/escape(_:)``. A template that uses anything outside the subset (set
/// delimiters, pragmas, transforms, dynamic partials) is not compiled, see ``compile(_:)``, and a
/// value of a type the renderer does not know makes ``render(_:templates:)`` return `nil`: both are
/// left to swift-mustache.
struct CompiledTemplate: Sendable {
    /// A template's instructions, flat: a section's body is the instructions that follow it, up to
    /// its `end`, so that rendering walks an array of plain values and copies no tree nodes.
    final class Program: Sendable {
        /// The instructions; the template is `0..<instructions.count`.
        let instructions: [Instruction]
        /// The texts of `.text` instructions.
        let texts: [String]
        /// The names of variables and sections.
        let paths: [Path]
        /// The partials and parents.
        let partials: [Partial]
        /// The blocks.
        let blocks: [Block]

        /// A program made of its tables.
        init(instructions: [Instruction], texts: [String], paths: [Path], partials: [Partial], blocks: [Block]) {
            self.instructions = instructions
            self.texts = texts
            self.paths = paths
            self.partials = partials
            self.blocks = blocks
        }
    }

    /// One instruction: a kind, the index of its operand in the program's table for that kind, and
    /// for an instruction with a body, the index of the instruction after the body.
    struct Instruction: Sendable {
        /// What an instruction does.
        enum Kind: UInt8, Sendable {
            /// Writes `texts[operand]`.
            case text
            /// `{{name}}`: writes `paths[operand]`'s value, escaped.
            case variable
            /// `{{{name}}}` or `{{& name}}`: writes `paths[operand]`'s value as it is.
            case rawVariable
            /// `{{#name}}`: the body, once per item, once, or not at all.
            case section
            /// `{{^name}}`: the body when the value is missing, false or an empty list.
            case invertedSection
            /// `{{>name}}` or `{{<name}}…{{/name}}`: `partials[operand]`; a parent's overrides are
            /// its body, which is not rendered in place.
            case partial
            /// `{{$name}}default{{/name}}` outside a parent: `blocks[operand]`, the body is the default.
            case block
        }

        /// What the instruction does.
        let kind: Kind
        /// The index of its operand in the table for its kind.
        let operand: Int32
        /// The index of the instruction after its body (the next one when it has none).
        let end: Int32
    }

    /// A `{{>name}}` or `{{<name}}…{{/name}}` tag.
    struct Partial: Sendable {
        /// The template's name.
        let name: String
        /// The indentation swift-mustache records: a standalone partial's or a parent's leading whitespace.
        let indentation: String?
        /// A parent's block overrides (instruction ranges of the same program); `nil` for a partial.
        let overrides: [String: Range<Int>]?
    }

    /// A `{{$name}}` tag outside a parent's overrides.
    struct Block: Sendable {
        /// The block's name.
        let name: String
        /// Its leading whitespace on its line, which swift-mustache uses as indentation.
        let indentation: String
    }

    /// A tag's name, split at its dots once when compiling.
    struct Path: Sendable, Equatable {
        /// Whether the name starts with `.`, so that only the current object is searched, not the stack.
        let anchored: Bool
        /// The first name, looked up through the stack; empty for `{{.}}` (the current object).
        let first: String
        /// The names after the first, looked up in what the first found.
        let rest: [String]

        /// The path of a tag name as swift-mustache reads it (`a..b` is `a.b`, `..` is `.`).
        init(_ name: String) {
            let parts = name.split(separator: ".").map(String.init)
            anchored = name.first == "."
            first = parts.first ?? ""
            rest = Array(parts.dropFirst())
        }
    }

    /// Why a template is left to swift-mustache.
    struct Unsupported: Error, Equatable {
        /// What the template uses.
        let reason: String
    }

    /// The template's instructions.
    let program: Program

    /// Compiles a template's text; throws ``Unsupported`` when it uses something outside the subset.
    init(_ text: String) throws(Unsupported) {
        program = try Self.parseProgram(text)
    }

    /// The names of the templates this one includes as partials or parents.
    var referencedNames: Set<String> {
        Set(program.partials.map(\.name))
    }

    /// The tags of this template that look up `name` (as the first part of their path): variables,
    /// raw variables, sections and inverted sections, each with its instruction's index, its kind
    /// and whether the path is `name` alone.
    func uses(of name: String) -> [(index: Int, kind: Instruction.Kind, plain: Bool)] {
        program.instructions.indices.compactMap { index in
            let instruction = program.instructions[index]
            switch instruction.kind {
            case .variable, .rawVariable, .section, .invertedSection:
                let path = program.paths[Int(instruction.operand)]
                guard path.first == name else { return nil }
                return (index, instruction.kind, !path.anchored && path.rest.isEmpty)
            case .text, .partial, .block:
                return nil
            }
        }
    }

    /// Compiles the templates of a set (text by name) and returns those the compiled renderer can
    /// render: a template is left out when it, or a template it includes, uses something outside the
    /// subset, so that each template is rendered wholly by one engine. A name that is not in the set
    /// renders as nothing, as in swift-mustache.
    static func compile(_ texts: [String: String]) -> [String: CompiledTemplate] {
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in texts {
            compiled[name] = try? CompiledTemplate(text)
        }
        var changed = true
        while changed {
            changed = false
            for (name, template) in compiled
            where template.referencedNames.contains(where: { texts[$0] != nil && compiled[$0] == nil }) {
                compiled[name] = nil
                changed = true
            }
        }
        return compiled
    }

    /// Renders `context` as swift-mustache's `MustacheLibrary.render` would, with partials and parents
    /// taken from `templates`; `nil` when a value the template reaches has a type the renderer does not
    /// handle (the caller then renders with swift-mustache).
    func render(_ context: Any, templates: [String: CompiledTemplate]) -> String? {
        renderBytes(context, templates: templates).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``render(_:templates:)`` as UTF-8 bytes, for a page written as it is: making a `String` of
    /// them validates every byte again (eight instructions a byte, 60 KB a page).
    func renderBytes(_ context: Any, templates: [String: CompiledTemplate]) -> [UInt8]? {
        var renderer = Renderer(root: context, templates: templates)
        // Room for the template's text and the context's strings (the article's body above all),
        // and as much again for its lists (an article's references are 25 KB): growing a page's
        // bytes copied them 7,900 times over 1,000 articles (1 % of the build's instructions).
        var capacity = 8_192
        if type(of: context) == [String: Any].self {
            for value in (context as! [String: Any]).values where type(of: value) == String.self {
                capacity += (value as! String).utf8.count
            }
        }
        capacity *= 2
        var out = HTMLWriter(capacity: capacity)
        do {
            try renderer.render(program, 0..<program.instructions.count, into: &out)
        } catch {
            return nil
        }
        return out.bytes
    }
}
