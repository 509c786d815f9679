/// The Proxy service of a world: services with their number pools, sessions and participants
/// (ProxySessions.swift), interactions and their callbacks (ProxyInteractions.swift), what is
/// out of session (OutOfSession.swift), and calls through a session (ProxyCalls.swift).
final class Proxy: WorldService {
    unowned(unsafe) let world: World
    /// The services, sessions and interactions, and the indexes that route them.
    var registry = ProxyRegistry()

    init(world: World) {
        self.world = world
    }
}
