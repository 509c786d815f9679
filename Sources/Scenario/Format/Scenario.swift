import FrontDoor
import RESTAPI
import Simulator
import Stubs
import Webhooks

/// One runnable scenario (a file, or one row of a file's table), fully typed, every step and
/// expectation with the place it was written.
public struct Scenario: Sendable {
    public var name: String
    public var file: String
    public var location: SourceLocation
    /// The seed for SIDs; the run's `--seed` when nil.
    public var seed: UInt64?
    /// The base URL of an app started by hand, `{{app}}` in URLs.
    public var appBaseURL: String?
    /// How Switchboard starts the app (its base URL is then known once it has a port).
    public var app: AppDefinition?
    /// Timeouts for every webhook (shorter than the platform's keeps tests fast).
    public var timeouts = ConnectionOverrides()
    /// Built-in functions by path, served at `{{functions}}`.
    public var functions: [String: FunctionDefinition] = [:]
    /// The built-in functions behind the declared Serverless functions, by `/{service}{path}`.
    public var serverlessFunctions: [String: FunctionDefinition] = [:]

    /// Whether the scenario runs Node.js code: a Toolkit project's functions, or function code
    /// its `rest` steps upload.
    public var runsNodeFunctions: Bool {
        world.serverless.contains { $0.functions.contains { $0.origin?.hasPrefix("node:") == true } }
            || steps.contains { step in
                if case .rest(let call, _, _) = step.value { return !call.files.isEmpty && call.url.contains("/Functions/") }
                return false
            }
    }
    /// Account, numbers, services, carrier; URLs may hold `{{functions}}` and `{{app}}`.
    public var world = WorldConfiguration()
    public var steps: [Located<Step>] = []
    public var expectations: [Located<Expectation>] = []
}

/// What happens in a scenario, in order.
public enum Step: Sendable {
    /// A handset sends an SMS (or an MMS, with media) to one of the account's numbers.
    /// `parameters` replace (or join) the webhook's own (`params:`).
    case inboundMessage(from: String, to: String, body: String, media: [String], parameters: [Parameter])
    /// The application sends a message through the REST API.
    case send(from: String?, service: String?, to: String, body: String, media: [String], statusCallback: String?)
    /// Virtual time passes.
    case wait(Double)
    /// A handset calls one of the account's numbers; the caller follows the script.
    case call(from: String, to: String, script: CallerScript)
    /// The application calls the Proxy API.
    case proxy(ProxyRequest)
    /// A request to the emulated REST API, made over HTTP as an app makes it, `times` times;
    /// `save` keeps fields of the (last) answer (`sid`, `links.participants`) as `{{variable}}`
    /// for later steps.
    case rest(RESTCall, times: Int, save: [(variable: String, field: String)])
    /// A chat participant writes in a conversation, as the Conversations SDK would.
    case chat(conversation: String, identity: String, body: String, attributes: String)
    /// A chat user changes a conversation (its state, friendly name, attributes), as the SDK would.
    case conversationUpdate(conversation: String, identity: String, change: ChatConversationChange)
}
