import Foundation
import NIOCore
import NIOPosix

/// A port of 127.0.0.1 that nothing listens on, for the app to bind. It is drawn below the
/// system's ephemeral range (read from `/proc/sys/net/ipv4/ip_local_port_range`, 32768 by
/// default): the ports the system hands out for `bind(0)` (every other server of this run and of
/// any other process) never fall there, so none can take the app's port between the check and
/// the app's own bind. Each candidate is tried by binding it; after 64 taken ones, the system picks.
public enum FreePort {
    public static func find() async throws -> Int {
        let ceiling = ephemeralStart()
        for _ in 0..<64 {
            let candidate = Int.random(in: 10_000..<max(10_001, ceiling))
            if let port = try? await bind(candidate) { return port }
        }
        return try await bind(0)
    }

    private static func bind(_ port: Int) async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: port).get()
        let bound = channel.localAddress?.port ?? 0
        try await channel.close()
        return bound
    }

    /// The first port of the system's ephemeral range.
    private static func ephemeralStart() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    }
}
