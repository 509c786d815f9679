/// The name of a voice verb (an element allowed under `<Response>` in a voice document).
public enum VoiceVerbName: String, Sendable, CaseIterable {
    case say = "Say"
    case play = "Play"
    case pause = "Pause"
    case gather = "Gather"
    case record = "Record"
    case dial = "Dial"
    case redirect = "Redirect"
    case hangup = "Hangup"
    case reject = "Reject"
    case enqueue = "Enqueue"
    case leave = "Leave"
    case refer = "Refer"
    case connect = "Connect"
    case start = "Start"
    case stop = "Stop"
    case pay = "Pay"
    case echo = "Echo"
    case sms = "Sms"
}

extension VoiceVerb {
    /// The verb's name; nil only for an element the voice grammar does not know.
    public var name: VoiceVerbName? {
        switch self {
        case .say: .say
        case .play: .play
        case .pause: .pause
        case .gather: .gather
        case .record: .record
        case .dial: .dial
        case .redirect: .redirect
        case .hangup: .hangup
        case .reject: .reject
        case .enqueue: .enqueue
        case .leave: .leave
        case .refer: .refer
        case .sms: .sms
        case .other(let element): VoiceVerbName(rawValue: element.name)
        }
    }
}

extension VoiceVerb {
    /// Where the verb is written in its document.
    public var position: SourcePosition {
        switch self {
        case .say(let say): say.position
        case .play(let play): play.position
        case .pause(let pause): pause.position
        case .gather(let gather): gather.position
        case .record(let record): record.position
        case .dial(let dial): dial.position
        case .redirect(let redirect): redirect.position
        case .hangup(let position), .leave(let position): position
        case .reject(let reject): reject.position
        case .enqueue(let enqueue): enqueue.position
        case .refer(let refer): refer.position
        case .sms(let message): message.position
        case .other(let element): element.position
        }
    }
}
