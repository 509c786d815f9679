/// A place in a scenario file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible, Codable {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A value with the place it was written.
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let location: SourceLocation
}

/// A scenario file that cannot be used: where, and what was expected there.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    /// The file's other errors, after this first one, when it has several.
    public internal(set) var others: [ScenarioError] = []

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`, a line for each error of the file.
    public var description: String {
        ([self] + others).map { "\($0.location): error: \($0.message)" }.joined(separator: "\n")
    }
}

/// The errors a reader met while it went on reading: a file's mistakes are all reported at once.
final class ErrorList {
    private var errors: [ScenarioError] = []

    /// Runs `read`; an error it throws is kept (with the errors it carries) and reading goes on.
    func collect(_ read: () throws(ScenarioError) -> Void) {
        do {
            try read()
        } catch {
            var first = error
            first.others = []
            errors.append(first)
            errors += error.others
        }
    }

    /// Throws the first error kept, carrying the others, in file order (an included file's by
    /// its own lines, apart); nothing when none was.
    func throwIfAny() throws(ScenarioError) {
        let sorted = errors.enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element.location, rhs.element.location)
            return (left.file, left.line, left.column, lhs.offset) < (right.file, right.line, right.column, rhs.offset)
        }.map(\.element)
        guard var first = sorted.first else { return }
        first.others = Array(sorted.dropFirst())
        throw first
    }
}
