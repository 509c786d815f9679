import NIOCore
import NIOPosix

/// A port of 127.0.0.1 that nothing listens on: the system picks one, and it is let go at once
/// for the app to bind (another process could take it in between, as with every such scheme).
public enum FreePort {
    public static func find() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
