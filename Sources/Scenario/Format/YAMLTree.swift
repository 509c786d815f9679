import CYaml

/// A YAML document as libyaml's events build it: every scalar the text written (the readers
/// give it a type: `integer()`, `boolean()` …), mappings in the file's order, an alias the node
/// its anchor names. Each node keeps the place it starts, line and column from 1.
///
/// Built here rather than by Yams' composer, whose nodes carry tags and styles no reader looks
/// at: composing cost a third of loading a scenario file. The builder keeps its own stack, so a
/// deep document cannot exhaust the thread's; it refuses one deeper than the readers should
/// walk, and a key written twice in one mapping.
enum YAMLTree {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    /// Where a node starts.
    struct Mark {
        let line: Int
        let column: Int
    }

    /// A scalar's text, as written (quotes and escapes resolved by libyaml).
    struct Scalar {
        let string: String
        let mark: Mark
    }

    /// A mapping's entries in the file's order.
    struct Mapping: RandomAccessCollection {
        let pairs: [(key: YAMLTree, value: YAMLTree)]
        let mark: Mark

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: YAMLTree, value: YAMLTree) { pairs[position] }
    }

    /// A sequence's items.
    struct List: RandomAccessCollection {
        let items: [YAMLTree]
        let mark: Mark

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> YAMLTree { items[position] }
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let list): list.mark
        }
    }

    /// A scalar's text; nil for a mapping or a sequence.
    var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// What stops a document from being read, and where; the message is the user's to read.
    struct SyntaxError: Error {
        let mark: Mark
        let message: String
    }

    /// Deeper than any scenario needs: the readers walk a document by recursion.
    static let deepest = 200

    /// libyaml's own bound on nesting (its scanner looks ahead), set once for the process.
    private static let libyamlNesting: Void = { yaml_set_max_nest_level(Int32(deepest)) }()

    static let tooDeep = "the YAML nests deeper than \(deepest) levels; a scenario needs far fewer"

    /// The document in `bytes` (UTF-8); nil when the stream holds none.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> YAMLTree? {
        guard !bytes.isEmpty else { return nil }  // libyaml takes no input without an address
        _ = libyamlNesting
        let result: Result<YAMLTree?, SyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .failure(SyntaxError(mark: Mark(line: 1, column: 1), message: "invalid YAML: out of memory")) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder()
            return Result { () throws(SyntaxError) in try builder.build(&parser, bytes: buffer) }
        }
        return try result.get()
    }

    /// Folds the parser's events into nodes, one open collection per level.
    private struct Builder {
        /// A mapping or a sequence still being read; a mapping's keys and values alternate in `items`.
        struct Open {
            let isMapping: Bool
            let mark: Mark
            let anchor: String?
            var items: [YAMLTree] = []
            /// A large mapping's keys, for the check that none is written twice.
            var keys: Set<String> = []
        }

        /// Mappings with fewer keys are checked for a repeated key by a scan.
        static let scannedKeys = 16

        var open: [Open] = []
        var anchors: [String: YAMLTree] = [:]
        var root: YAMLTree?
        var documents = 0

        mutating func build(_ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> YAMLTree? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw Self.failure(of: parser, bytes: bytes) }
                defer { yaml_event_delete(&event) }
                let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 { throw SyntaxError(mark: mark, message: "invalid YAML: expected a single document in the stream, found another one") }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    try add(.scalar(Scalar(string: text, mark: mark)), anchor: Self.string(scalar.anchor))
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let node = anchors[name] else { throw SyntaxError(mark: mark, message: "invalid YAML: found undefined alias '\(name)'") }
                    try add(node, anchor: nil)
                case YAML_SEQUENCE_START_EVENT:
                    try descend(at: mark)
                    open.append(Open(isMapping: false, mark: mark, anchor: Self.string(event.data.sequence_start.anchor)))
                case YAML_MAPPING_START_EVENT:
                    try descend(at: mark)
                    open.append(Open(isMapping: true, mark: mark, anchor: Self.string(event.data.mapping_start.anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let done = open.removeLast()
                    if done.isMapping {
                        let pairs = stride(from: 0, to: done.items.count, by: 2).map { (key: done.items[$0], value: done.items[$0 + 1]) }
                        try add(.mapping(Mapping(pairs: pairs, mark: done.mark)), anchor: done.anchor)
                    } else {
                        try add(.sequence(List(items: done.items, mark: done.mark)), anchor: done.anchor)
                    }
                default:
                    break  // stream start, document end
                }
            }
        }

        private func descend(at mark: Mark) throws(SyntaxError) {
            if open.count >= YAMLTree.deepest {
                throw SyntaxError(mark: mark, message: YAMLTree.tooDeep)
            }
        }

        /// Puts a finished node where it belongs: the root, the next item, a key or its value.
        private mutating func add(_ node: YAMLTree, anchor: String?) throws(SyntaxError) {
            if let anchor { anchors[anchor] = node }
            guard !open.isEmpty else {
                root = node
                return
            }
            let top = open.count - 1
            if open[top].isMapping, open[top].items.count % 2 == 0, let name = node.string {
                try checkUnique(name, at: node.mark, in: top)
            }
            open[top].items.append(node)
        }

        private mutating func checkUnique(_ name: String, at mark: Mark, in level: Int) throws(SyntaxError) {
            let count = open[level].items.count / 2
            let repeated: Bool
            if count < Self.scannedKeys {
                repeated = stride(from: 0, to: open[level].items.count, by: 2).contains { open[level].items[$0].string == name }
            } else {
                if count == Self.scannedKeys { open[level].keys = Set(stride(from: 0, to: open[level].items.count, by: 2).compactMap { open[level].items[$0].string }) }
                repeated = !open[level].keys.insert(name).inserted
            }
            if repeated { throw SyntaxError(mark: mark, message: "invalid YAML: the key '\(name)' appears twice in this mapping") }
        }

        private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        /// libyaml's problem, with its context, where it found it.
        private static func failure(of parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> SyntaxError {
            let reason = parser.problem.map { String(cString: $0) } ?? "libyaml gave no reason"
            // libyaml's scanner meets the nesting bound before the builder does in flow collections.
            let nesting = reason.hasPrefix("Maximum nesting level")
            let problem = nesting ? YAMLTree.tooDeep : "invalid YAML: " + reason
            switch parser.error {
            case YAML_READER_ERROR:
                // A reader error has an offset into the bytes rather than a mark.
                let before = bytes.prefix(min(parser.problem_offset, bytes.count))
                let line = before.count { $0 == UInt8(ascii: "\n") } + 1
                let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
                return SyntaxError(mark: Mark(line: line, column: column), message: problem)
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
                let context = nesting ? "" : parser.context.map { " " + String(cString: $0) } ?? ""
                return SyntaxError(mark: Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1),
                                   message: problem + context)
            default:
                return SyntaxError(mark: Mark(line: 1, column: 1), message: problem)
            }
        }
    }
}
