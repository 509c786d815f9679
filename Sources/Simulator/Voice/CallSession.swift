import Platform
import TwiML
import Webhooks

/// The state of one call while its TwiML runs: who is on it, what the caller will do next,
/// where documents come from, and its status callback.
struct CallSession {
    /// The call's index in `Voice.calls`.
    let call: Int
    let sid: String
    let from: String
    let to: String
    var script: CallerScript
    /// The number's voice fallback: tried after any failed TwiML fetch on the call.
    let fallback: (url: String, method: HTTPMethod)?
    let statusCallback: StatusCallbackTarget?
    /// Virtual time at which the caller hangs up (known once the call is answered).
    var hangUpAt: Double?
    var callerHungUp = false
    var documents = 0
    /// The status callback's `SequenceNumber`, counting from 0.
    var sequence = 0
    /// Whether the `completed` status callback has gone out.
    var completionReported = false
    /// What the caller has heard since the last input verb (to match a script's `prompt`).
    var heard = ""
    /// The timeline entry of the webhook whose document runs now: the cause of the call's steps.
    var document: Int?
    /// The line of the verb that runs now in that document.
    var verbLine: Int?
}

/// Where a call's status callbacks go, and which events it wants.
struct StatusCallbackTarget {
    let url: String
    let method: HTTPMethod
    let events: [CallEvent]
}

/// What a run of verbs ends with.
enum CallContinuation {
    /// Fetch another document (an action, a redirect) and go on with it.
    case fetch(url: String, method: HTTPMethod, extra: [Parameter], purpose: WebhookPurpose)
    /// The call is over.
    case hangUp
}
