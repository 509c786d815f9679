import Platform
/// Pretty-prints an XML body for the HTML report: one element per line, indented, tags and
/// attributes highlighted. It only re-lays out text; everything is escaped. Not XML-aware
/// beyond tags: a body that is not XML comes back escaped and unchanged.
enum TwiMLHighlighter {
    static func html(_ body: String) -> String {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<") else { return Markup.escape(body) }
        var lines: [String] = []
        var depth = 0
        var rest = Substring(trimmed)
        var lastEndsWithText = false
        while !rest.isEmpty {
            if rest.hasPrefix("<") {
                guard let close = rest.firstIndex(of: ">") else {
                    lines.append(indent(depth) + Markup.escape(String(rest)))
                    break
                }
                let tag = String(rest[...close])
                rest = rest[rest.index(after: close)...]
                let closing = tag.hasPrefix("</")
                if closing { depth = max(0, depth - 1) }
                if closing, lastEndsWithText {
                    lines[lines.count - 1] += highlight(tag)  // `<Say>Hi</Say>` on one line rather than three
                } else {
                    lines.append(indent(depth) + highlight(tag))
                }
                lastEndsWithText = false
                if !closing, !tag.hasPrefix("<?"), !tag.hasPrefix("<!"), !tag.hasSuffix("/>") { depth += 1 }
            } else {
                let end = rest.firstIndex(of: "<") ?? rest.endIndex
                let text = rest[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty, !lines.isEmpty {
                    lines[lines.count - 1] += "<span class=\"text\">" + Markup.escape(text) + "</span>"
                    lastEndsWithText = true
                }
                rest = rest[end...]
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func indent(_ depth: Int) -> String {
        String(repeating: "  ", count: depth)
    }

    /// A tag with its name and attributes in their own spans.
    private static func highlight(_ tag: String) -> String {
        var html = "<span class=\"tag\">"
        var inQuote: Character?
        var token = ""
        func flush(_ kind: String?) {
            guard !token.isEmpty else { return }
            html += kind.map { "<span class=\"\($0)\">" + Markup.escape(token) + "</span>" } ?? Markup.escape(token)
            token = ""
        }
        for character in tag {
            if let quote = inQuote {
                token.append(character)
                if character == quote { flush("value"); inQuote = nil }
            } else if character == "\"" || character == "'" {
                flush(nil)
                token.append(character)
                inQuote = character
            } else if character == "=" {
                flush("attr")
                token.append(character)
                flush(nil)
            } else if character == " " {
                flush(nil)
                token.append(character)
                flush(nil)
            } else {
                token.append(character)
            }
        }
        flush(nil)
        return html + "</span>"
    }
}
