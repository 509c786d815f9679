import CLibXML2
import Platform

/// Parses bytes with libxml2 the way a hardened platform would: no network, no entity
/// substitution, no DTD loading, and any DOCTYPE refused before its internal subset is read
/// (which rules out billion-laughs, quadratic blow-up and XXE at the root).
enum SafeXMLParser {
    /// The largest TwiML response the platform accepts (11750 above it).
    static let maximumSize = 64 * 1024

    /// Parser options: never `NOENT`, `DTDLOAD`, `DTDATTR`, `DTDVALID`, `XINCLUDE` or `HUGE`.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// libxml2's process-wide set-up, done once: initialise, and refuse every external entity.
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, context in
            if let context { context.pointee.errNo = Int32(XML_IO_NETWORK_ATTEMPT.rawValue) }
            return nil
        }
    }()

    /// Parses `bytes`; on success the caller owns the returned document and must free it.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<xmlDocPtr, ParseFailure> {
        _ = setUp
        if bytes.count > maximumSize {
            return .failure(ParseFailure(diagnostics: [Diagnostic(
                code: .responseTooLarge, severity: .error, line: 0, column: 0,
                message: "response body is \(bytes.count) bytes; TwiML may be at most \(maximumSize) bytes")]))
        }
        if bytes.isEmpty {
            return .failure(ParseFailure(diagnostics: [Diagnostic(
                code: .documentParseFailure, severity: .error, line: 1, column: 1, message: "the document is empty")]))
        }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
              let context = xmlCreateMemoryParserCtxt(base, Int32(bytes.count)) else {
            return .failure(ParseFailure(diagnostics: [Diagnostic(
                code: .documentParseFailure, severity: .error, line: 0, column: 0, message: "libxml2 could not create a parser")]))
        }
        defer { xmlFreeParserCtxt(context) }

        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        context.pointee.sax.pointee.serror = collectParserError
        context.pointee.sax.pointee.internalSubset = refuseDoctype
        xmlCtxtUseOptions(context, options)

        // Errors raised outside the parser's own channel (encoding, I/O) go to the thread's
        // structured handler: point it at this context for the duration of the parse.
        switchboard_silenceGenericErrors()
        xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(context), collectParserError)
        xmlParseDocument(context)
        xmlSetStructuredErrorFunc(nil, nil)

        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        if context.pointee.wellFormed != 0, collector.diagnostics.isEmpty, let document {
            return .success(document)
        }
        if let document { xmlFreeDoc(document) }
        var diagnostics = collector.diagnostics
        if diagnostics.isEmpty {
            diagnostics.append(Diagnostic(code: .documentParseFailure, severity: .error, line: 0, column: 0,
                                          message: "the document is not well-formed XML"))
        }
        return .failure(ParseFailure(diagnostics: diagnostics))
    }
}

/// Why a body could not be read as XML: 11750 (too large) or 12100 diagnostics.
struct ParseFailure: Error {
    let diagnostics: [Diagnostic]
}

/// Gathers the errors libxml2 reports for one parse.
final class ErrorCollector {
    static let limit = 50
    var diagnostics: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.limit { diagnostics.append(diagnostic) }
    }

    static func from(parserContext pointer: UnsafeMutableRawPointer?) -> ErrorCollector? {
        guard let context = pointer?.assumingMemoryBound(to: xmlParserCtxt.self),
              let opaque = context.pointee._private else { return nil }
        return Unmanaged<ErrorCollector>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// libxml2's structured-error callback for a parse: turns an `xmlError` into a 12100 diagnostic.
private let collectParserError: xmlStructuredErrorFunc = { userData, error in
    guard let error, let collector = ErrorCollector.from(parserContext: userData) else { return }
    let text = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
    collector.add(Diagnostic(
        code: .documentParseFailure, severity: .error,
        line: Int(error.pointee.line), column: Int(error.pointee.int2),
        message: text.trimmingWhitespace()))
}

/// SAX `internalSubset` callback: TwiML never has a DOCTYPE, so stop before its subset is read.
private let refuseDoctype: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = ErrorCollector.from(parserContext: userData) {
        let input = context.pointee.input
        collector.add(Diagnostic(
            code: .documentParseFailure, severity: .error,
            line: Int(input?.pointee.line ?? 0), column: Int(input?.pointee.col ?? 0),
            message: "a DOCTYPE is not allowed in TwiML (entities and DTDs are refused)"))
    }
    xmlStopParser(context)
}
