import ArgumentParser
import TwiML

/// `switchboard twiml …`: check and query TwiML documents.
struct TwiMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twiml",
        abstract: "Check and query TwiML documents as the platform reads them.",
        subcommands: [LintCommand.self, QueryCommand.self]
    )
}

/// `switchboard twiml lint`: parse and validate, print `FILE:LINE:COL: severity CODE: message`.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check TwiML documents against the platform's grammar.",
        discussion: """
        Exit status: 0 when nothing is at error level, 4 when something is, 2 when a file \
        cannot be read. Without --messaging or --voice, each document is checked as messaging \
        when all its verbs are Message, Sms or Redirect (with at least one message), else as voice.
        """
    )

    @Flag(name: .customLong("messaging"), help: "Check as a messaging reply.") var messaging = false
    @Flag(name: .customLong("voice"), help: "Check as a voice document.") var voice = false
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Argument(help: "TwiML files; - reads standard input.") var files: [String]

    func validate() throws {
        if messaging && voice { throw ValidationError("choose one of --messaging and --voice") }
    }

    func run() async throws {
        var unreadable = false
        var failed = false
        for path in files {
            let name = InputFile.displayName(path)
            let bytes: [UInt8]
            do {
                bytes = try InputFile.read(path)
            } catch {
                printError("\(name): error: cannot read file: \(error)")
                unreadable = true
                continue
            }
            let diagnostics: [Diagnostic]
            switch TwiMLDocument.parse(bytes) {
            case .failure(let error):
                diagnostics = error.diagnostics
            case .success(let document):
                let dialect: Dialect = messaging ? .messaging : voice ? .voice : document.inferredDialect
                diagnostics = document.diagnostics(as: dialect)
            }
            for diagnostic in diagnostics {
                let severity = strict ? Diagnostic.Severity.error : diagnostic.severity
                print("\(name):\(diagnostic.line):\(diagnostic.column): \(severity.rawValue) \(diagnostic.code.code): \(diagnostic.message)")
                if severity == .error { failed = true }
            }
        }
        if unreadable { throw ExitStatus.inputError }
        if failed { throw ExitStatus.checkFailed }
    }
}

/// `switchboard twiml query`: evaluate an XPath expression and print what it selects.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print what an XPath 1.0 expression selects in a TwiML document.",
        discussion: """
        Elements print as XML, attributes and text as their values, one per line; strings, \
        numbers and booleans print as values. Exit status: 0 when something is selected (or the \
        value is true/non-empty), 4 when nothing is, 2 when the file cannot be read or parsed, \
        1 when the expression is invalid.
        """
    )

    @Argument(help: "An XPath 1.0 expression, e.g. '//Gather/@numDigits' or 'count(//Say)'.") var expression: String
    @Argument(help: "A TwiML file; - reads standard input.") var file: String

    func run() async throws {
        let name = InputFile.displayName(file)
        let document: TwiMLDocument
        do {
            switch TwiMLDocument.parse(try InputFile.read(file)) {
            case .success(let parsed): document = parsed
            case .failure(let error):
                for diagnostic in error.diagnostics { printError("\(name):\(diagnostic)") }
                throw ExitStatus.inputError
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(name): error: cannot read file: \(error)")
            throw ExitStatus.inputError
        }
        let value: XPathValue
        do {
            value = try document.xpath(expression)
        } catch {
            printError("error: \(error)")
            throw ExitStatus.usage
        }
        switch value {
        case .nodes(let nodes):
            for node in nodes { print(node.name == "#text" || !node.xml.hasPrefix("<") ? node.value : node.xml) }
        case .string, .number, .boolean:
            print(value.text)
        }
        if !value.isTruthy { throw ExitStatus.checkFailed }
    }
}
