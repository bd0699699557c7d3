/// The compiled renderer: swift-mustache 2.1.1's rendering (`Template+Render.swift`, `Context.swift`,
/// `Sequence.swift`) for the values the site's contexts hold, appending into one string.
///
/// Values are told apart by their exact type, compared with the type's metadata rather than cast
/// through protocols: `String`, ``HTMLBytes``, `Int`, `Double`, `Bool`, `[String: Any]`, `[String: String]`, and lists
/// of those (`[[String: Any]]`, `[[String: String]]`, `[String]`, `[Int]`, `[Any]`), and lists of
/// ``TemplateRecord``s (`[any TemplateRecord]`). Any other type (an optional, a lambda, a set, a
/// custom type) throws ``UnsupportedValue`` and the page is rendered by swift-mustache instead.
extension CompiledTemplate {
    /// A value whose type the compiled renderer does not handle.
    struct UnsupportedValue: Error {}

    /// A context stack entry, its kind found once when it is pushed rather than at every lookup.
    ///
    /// Dictionaries are held as such; other values sit in the renderer's `others`, so that a frame
    /// is one reference and copying it at a lookup costs no more than a retain.
    enum Frame {
        /// A dictionary of any values.
        case dictionary([String: Any])
        /// A dictionary of strings.
        case strings([String: String])
        /// `records[index]`: a list item with fixed fields.
        case record(Int)
        /// `others[index]`: a string, number or list, whose `Mirror` has no child with a name.
        case childless(Int)
        /// `others[index]`, of a type the renderer does not handle (only the root can be one): a
        /// lookup that reaches it leaves the page to swift-mustache.
        case unsupported(Int)

    }

    /// Renders programs against a context stack that it pushes and pops rather than copies.
    struct Renderer {
        /// The context stack, innermost last.
        private var stack: [Frame]
        /// The values of the `.childless` and `.unsupported` frames on the stack.
        private var others: [Any] = []
        /// The values of the `.record` frames on the stack.
        private var records: [any TemplateRecord] = []
        /// The templates partials and parents are taken from.
        private let templates: [String: CompiledTemplate]
        /// The block overrides of the parents being rendered, outermost first (whose overrides win),
        /// with the program their instruction ranges belong to.
        private var overrides: [(program: Program, blocks: [String: Range<Int>])] = []
        /// The indentation of the partial or block being rendered, as swift-mustache accumulates it.
        private var indentation: String?

        /// A renderer whose stack holds `root`.
        init(root: Any, templates: [String: CompiledTemplate]) {
            stack = []
            stack.reserveCapacity(8)
            self.templates = templates
            push(root)
        }

        /// Pushes `value`, in the frame its type calls for.
        private mutating func push(_ value: Any) {
            let type = type(of: value)
            if type == [String: Any].self {
                stack.append(.dictionary(Self.exactly(value, as: [String: Any].self)))
            } else if type == [String: String].self {
                stack.append(.strings(Self.exactly(value, as: [String: String].self)))
            } else if Self.isChildless(type) {
                stack.append(.childless(others.count))
                others.append(value)
            } else if let record = value as? any TemplateRecord {
                push(record)
            } else {
                stack.append(.unsupported(others.count))
                others.append(value)
            }
        }

        private mutating func push(_ record: any TemplateRecord) {
            stack.append(.record(records.count))
            records.append(record)
        }

        /// Pops the innermost frame.
        private mutating func pop() {
            switch stack.removeLast() {
            case .dictionary, .strings: break
            case .record: records.removeLast()
            case .childless, .unsupported: others.removeLast()
            }
        }

        /// The child called `name` of a frame, as swift-mustache's `_getImmediateChild` finds it.
        @inline(__always)
        private func child(_ name: String, of frame: Frame) throws(UnsupportedValue) -> Any? {
            switch frame {
            case .dictionary(let dictionary): return dictionary[name]
            case .strings(let strings): return strings[name]
            case .record(let index): return records[index].child(named: name)
            case .childless: return nil
            case .unsupported: throw UnsupportedValue()
            }
        }

        /// The value of a frame, for `{{.}}`.
        private func value(of frame: Frame) -> Any {
            switch frame {
            case .dictionary(let dictionary): dictionary
            case .strings(let strings): strings
            case .record(let index): records[index]
            case .childless(let index), .unsupported(let index): others[index]
            }
        }

        /// Renders the instructions `range` of `program` into `out`; one call is one of swift-mustache's
        /// `MustacheTemplate.render` calls, which matters only for indentation.
        mutating func render(_ program: Program, _ range: Range<Int>, into out: inout HTMLWriter) throws(UnsupportedValue) {
            var index = range.lowerBound
            guard let indentation, !indentation.isEmpty else {
                while index < range.upperBound {
                    index = try execute(program, index, into: &out)
                }
                return
            }
            // swift-mustache indents a tag's or a line's output when it is not empty and what this
            // call has written so far ends with a line feed (a `Character`: not one after a
            // carriage return).
            var written = HTMLWriter()
            while index < range.upperBound {
                var part = HTMLWriter()
                index = try execute(program, index, into: &part)
                if part.count > 0, written.endsWithLineFeedCharacter {
                    written.write(indentation)
                }
                written.write(part)
            }
            out.write(written)
        }

        /// Executes the instruction at `index` (and its body) and returns the index of the next one.
        private mutating func execute(_ program: Program, _ index: Int, into out: inout HTMLWriter) throws(UnsupportedValue) -> Int {
            let instruction = program.instructions[index]
            let operand = Int(instruction.operand)
            let body = index + 1..<Int(instruction.end)
            switch instruction.kind {
            case .text:
                out.write(program.texts[operand])

            case .variable, .rawVariable:
                guard let value = try resolve(program.paths[operand]) else { break }
                try append(value, escaped: instruction.kind == .variable, to: &out)

            case .section:
                guard let value = try resolve(program.paths[operand]) else { break }
                try renderSection(value, program, body, into: &out)

            case .invertedSection:
                guard let value = try resolve(program.paths[operand]) else {
                    try render(program, body, into: &out)
                    break
                }
                try renderInvertedSection(value, program, body, into: &out)

            case .partial:
                let partial = program.partials[operand]
                guard let template = templates[partial.name] else { break }
                let saved = indentation
                if let indented = partial.indentation {
                    indentation = (indentation ?? "") + indented
                }
                if let blocks = partial.overrides {
                    overrides.append((program, blocks))
                }
                defer {
                    indentation = saved
                    if partial.overrides != nil { overrides.removeLast() }
                }
                try render(template.program, 0..<template.program.instructions.count, into: &out)

            case .block:
                let block = program.blocks[operand]
                let saved = indentation
                indentation = (indentation ?? "") + block.indentation
                defer { indentation = saved }
                for layer in overrides {
                    if let range = layer.blocks[block.name] {
                        try render(layer.program, range, into: &out)
                        return body.upperBound
                    }
                }
                try render(program, body, into: &out)
            }
            return body.upperBound
        }

        // MARK: Sections

        /// `{{#name}}`: a list's items in turn, a boolean's body when true, any other value pushed once.
        private mutating func renderSection(_ value: Any, _ program: Program, _ body: Range<Int>,
                                            into out: inout HTMLWriter) throws(UnsupportedValue) {
            let type = type(of: value)
            if type == Bool.self {
                if Self.exactly(value, as: Bool.self) { try render(program, body, into: &out) }
            } else if type == [[String: Any]].self {
                for item in Self.exactly(value, as: [[String: Any]].self) {
                    stack.append(.dictionary(item))
                    defer { stack.removeLast() }
                    try render(program, body, into: &out)
                }
            } else if type == [[String: String]].self {
                for item in Self.exactly(value, as: [[String: String]].self) {
                    stack.append(.strings(item))
                    defer { stack.removeLast() }
                    try render(program, body, into: &out)
                }
            } else if type == [any TemplateRecord].self {
                for item in Self.exactly(value, as: [any TemplateRecord].self) {
                    push(item)
                    defer { pop() }
                    try render(program, body, into: &out)
                }
            } else if type == [String].self {
                for item in Self.exactly(value, as: [String].self) { try render(program, body, pushing: item, into: &out) }
            } else if type == [Int].self {
                for item in Self.exactly(value, as: [Int].self) { try render(program, body, pushing: item, into: &out) }
            } else if type == [Any].self {
                for item in Self.exactly(value, as: [Any].self) { try render(program, body, pushing: item, into: &out) }
            } else if Self.isHandled(type) || value is any TemplateRecord {
                try render(program, body, pushing: value, into: &out)
            } else {
                throw UnsupportedValue()
            }
        }

        /// Renders `body` with `value` pushed on the stack.
        fileprivate mutating func render(_ program: Program, _ body: Range<Int>, pushing value: Any,
                                     into out: inout HTMLWriter) throws(UnsupportedValue) {
            push(value)
            defer { pop() }
            try render(program, body, into: &out)
        }

        /// `{{^name}}` of a value that is there: the body for false and for an empty list (pushed).
        private mutating func renderInvertedSection(_ value: Any, _ program: Program, _ body: Range<Int>,
                                                    into out: inout HTMLWriter) throws(UnsupportedValue) {
            let type = type(of: value)
            if type == Bool.self {
                if !Self.exactly(value, as: Bool.self) { try render(program, body, into: &out) }
            } else if let count = Self.count(of: value, type) {
                // swift-mustache renders an empty list's inverted section with the list pushed.
                guard count == 0 else { return }
                try render(program, body, pushing: value, into: &out)
            } else if !Self.isHandled(type), !(value is any TemplateRecord) {
                throw UnsupportedValue()
            }
        }

        /// The number of items of a list of a handled type; `nil` for anything else.
        private static func count(of value: Any, _ type: Any.Type) -> Int? {
            if type == [[String: Any]].self { return Self.exactly(value, as: [[String: Any]].self).count }
            if type == [[String: String]].self { return Self.exactly(value, as: [[String: String]].self).count }
            if type == [any TemplateRecord].self { return Self.exactly(value, as: [any TemplateRecord].self).count }
            if type == [String].self { return Self.exactly(value, as: [String].self).count }
            if type == [Int].self { return Self.exactly(value, as: [Int].self).count }
            if type == [Any].self { return Self.exactly(value, as: [Any].self).count }
            return nil
        }

        /// A value's child called `name`, as swift-mustache's `_getImmediateChild` finds it.
        private static func child(_ name: String, of value: Any) throws(UnsupportedValue) -> Any? {
            let type = type(of: value)
            if type == [String: Any].self { return Self.exactly(value, as: [String: Any].self)[name] }
            if type == [String: String].self { return Self.exactly(value, as: [String: String].self)[name] }
            if isChildless(type) { return nil }
            if let record = value as? any TemplateRecord { return record.child(named: name) }
            throw UnsupportedValue()
        }

        /// `value as! T` for a value whose dynamic type has been compared with `T` already: the
        /// existential is opened and its contents taken as they are, without the runtime's cast
        /// (`swift_dynamicCast`, about 250 instructions, for two million values at 10,000 articles).
        @inline(__always)
        private static func exactly<T>(_ value: Any, as _: T.Type) -> T {
            func take<U>(_ contents: U) -> T { unsafeBitCast(contents, to: T.self) }
            return take(value)
        }

        /// Whether values of `type` have no child with a name: strings, numbers, booleans and lists.
        private static func isChildless(_ type: Any.Type) -> Bool {
            type == String.self || type == HTMLBytes.self || type == Int.self || type == Bool.self || type == Double.self
                || isList(type)
        }

        /// Whether `type` is a list type the renderer handles.
        private static func isList(_ type: Any.Type) -> Bool {
            type == [[String: Any]].self || type == [[String: String]].self || type == [String].self
                || type == [Int].self || type == [Any].self || type == [any TemplateRecord].self
        }

        /// Whether the renderer handles values of `type`.
        private static func isHandled(_ type: Any.Type) -> Bool {
            type == [String: Any].self || type == [String: String].self || isChildless(type)
        }

        // MARK: Variables

        /// Writes a value as swift-mustache does (`String(describing:)`); `{{name}}` escapes it with ``HTML/escape(_:)``.
        private func append(_ value: Any, escaped: Bool, to out: inout HTMLWriter) throws(UnsupportedValue) {
            let type = type(of: value)
            if type == String.self {
                let string = Self.exactly(value, as: String.self)
                if escaped { out.writeEscaped(string) } else { out.write(string) }
            } else if type == HTMLBytes.self {
                // As swift-mustache writes it: its description.
                let html = Self.exactly(value, as: HTMLBytes.self)
                if escaped { out.writeEscaped(html.description) } else { out.write(bytes: html.bytes) }
            } else if type == Int.self {
                out.write(Self.exactly(value, as: Int.self))
            } else if type == Bool.self {
                out.write(Self.exactly(value, as: Bool.self) ? "true" : "false")
            } else if type == Double.self {
                out.write(Self.exactly(value, as: Double.self).description)
            } else if Self.isHandled(type) {
                // A list or a dictionary, as swift-mustache writes it.
                let string = String(describing: value)
                if escaped { out.writeEscaped(string) } else { out.write(string) }
            } else {
                throw UnsupportedValue()
            }
        }

        // MARK: Lookup

        /// The value a tag's path names: swift-mustache's `getChild` without transforms and lambdas.
        private func resolve(_ path: Path) throws(UnsupportedValue) -> Any? {
            let top = stack.count - 1
            guard !path.first.isEmpty else { return value(of: stack[top]) }
            var value: Any
            if path.anchored {
                guard let child = try child(path.first, of: stack[top]) else { return nil }
                value = child
            } else {
                // The first name is looked up through the stack, innermost first; the rest only in what it found.
                var index = top
                while true {
                    if let child = try child(path.first, of: stack[index]) {
                        value = child
                        break
                    }
                    guard index > 0 else { return nil }
                    index -= 1
                }
            }
            for name in path.rest {
                guard let child = try Self.child(name, of: value) else { return nil }
                value = child
            }
            return value
        }
    }
}

extension CompiledTemplate {
    /// A context root that no lookup may reach: the renderer handles no value of its type, so a
    /// lookup that gets to it throws.
    private struct SealedRoot {}

    /// What the section at instruction `index` shows for one list item, as a page renders it for
    /// that item: its body with `item` pushed, on a stack that holds nothing else. `nil` when the
    /// body looks up a name that neither `item` nor what the body itself pushes has, because in
    /// the page such a lookup would reach the page's context, which this output would not show
    /// (``TemplateSet/renderItem(_:ofList:in:)``).
    func renderItem(_ item: Any, ofSectionAt index: Int, templates: [String: CompiledTemplate]) -> String? {
        let section = program.instructions[index]
        guard section.kind == .section else { return nil }
        var renderer = Renderer(root: SealedRoot(), templates: templates)
        var out = HTMLWriter()
        do {
            try renderer.render(program, index + 1..<Int(section.end), pushing: item, into: &out)
        } catch {
            return nil
        }
        return out.string
    }
}
