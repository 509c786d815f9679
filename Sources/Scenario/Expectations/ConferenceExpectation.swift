import Simulator

/// A conference's events and end (the first conference of that name): `events` lists its
/// events exactly, in order, each written `participant-join` or `participant-join +1415…`.
public struct ConferenceExpectation: Sendable {
    public var name: String
    public var events: [String]?
    /// `last-participant-left` or `participant-with-end-conference-on-exit-left`.
    public var reasonEnded: String?
    /// How many beeps the conference heard (joins and leaves with `beep` on, once it had started).
    public var beeps: Int?

    public init(name: String) {
        self.name = name
    }
}
