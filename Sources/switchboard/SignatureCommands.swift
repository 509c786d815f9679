import ArgumentParser
import Foundation
import Webhooks

/// `switchboard sign`: the `X-Twilio-Signature` the platform would send.
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Print the X-Twilio-Signature the platform would send for a request.",
        discussion: """
        For a form POST, give the body parameters as NAME=VALUE. For a GET, put the parameters \
        in the URL's query string and give none. With --json-body, bodySHA256 is added to the \
        URL (the URL that is signed is printed on standard error) and no parameters are signed.
        """
    )

    @Option(help: "The account's auth token (default: $TWILIO_AUTH_TOKEN).") var token: String?
    @Option(name: .customLong("json-body"), help: "A file holding a JSON body.") var jsonBody: String?
    @Argument(help: "The full URL the platform requests.") var url: String
    @Argument(help: "Form parameters, NAME=VALUE.") var parameters: [NameValue] = []

    func run() async throws {
        let token = try AuthToken.resolve(token)
        if let jsonBody {
            let body: [UInt8]
            do { body = try InputFile.read(jsonBody) } catch {
                printError("\(jsonBody): error: cannot read file: \(error)")
                throw ExitStatus.inputError
            }
            let signedURL = url + (url.contains("?") ? "&" : "?") + "bodySHA256=" + Signature.bodySHA256(body)
            printError("signed URL: \(signedURL)")
            print(Signature.compute(token: token, url: signedURL, parameters: []))
        } else {
            print(Signature.compute(token: token, url: url, parameters: parameters.map { ($0.name, $0.value) }))
        }
    }
}

/// `switchboard verify`: checks a signature as the official validators do, and explains a mismatch.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an X-Twilio-Signature; when it does not match, say which usual mistake explains it.",
        discussion: "Exit status: 0 when valid, 4 when not."
    )

    @Option(help: "The account's auth token (default: $TWILIO_AUTH_TOKEN).") var token: String?
    @Option(help: "The X-Twilio-Signature header value.") var signature: String
    @Argument(help: "The full URL as the application rebuilt it.") var url: String
    @Argument(help: "Form parameters, NAME=VALUE.") var parameters: [NameValue] = []

    func run() async throws {
        let token = try AuthToken.resolve(token)
        let pairs = parameters.map { ($0.name, $0.value) }
        switch SignatureVerifier.verify(signature: signature, token: token, url: url, parameters: pairs) {
        case .valid:
            print("valid")
        case .mismatch(let explanation):
            print("invalid: \(explanation)")
            throw ExitStatus.checkFailed
        case .invalid:
            print("invalid: no usual URL or parameter mistake explains it; the auth token is most likely not the one that signed")
            throw ExitStatus.checkFailed
        }
    }
}

/// The auth token of `sign` and `verify`: as given, or the `TWILIO_AUTH_TOKEN` an app's own
/// environment already has.
enum AuthToken {
    static func resolve(_ given: String?) throws -> String {
        if let given { return given }
        if let token = ProcessInfo.processInfo.environment["TWILIO_AUTH_TOKEN"], !token.isEmpty { return token }
        throw ValidationError("give --token, or set TWILIO_AUTH_TOKEN")
    }
}
