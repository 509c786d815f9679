/// Text with `{{name}}` placeholders, taken apart: the literal runs and the names between them
/// (an unclosed `{{` stays text). The built-in functions fill them; the scenario loader checks them.
public enum PlaceholderText {
    /// A run of plain text, or a placeholder's name.
    public enum Piece: Equatable {
        case text(Substring)
        /// The name as written between the braces.
        case name(Substring)
    }

    public static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(rest[..<open.lowerBound])) }
            pieces.append(.name(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(rest)) }
        return pieces
    }
}
