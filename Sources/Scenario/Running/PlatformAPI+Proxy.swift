import FrontDoor

extension PlatformAPI {
    /// A loopback HTTPS proxy into this REST API, for a process that acts as `account` (nil:
    /// for none in particular): a request to a host that is not the platform's is refused, and
    /// recorded on that account's world.
    func startProxy(port: Int = 0, authority: CertificateAuthority, account: String?) async throws -> PlatformProxy {
        let directory = server.directory
        return try await PlatformProxy.start(port: port, authority: authority, tunnelPort: server.tunnelPort) { refusal in
            guard let account else { return }
            Task {
                await directory.recordRefusal(account: account, method: refusal.method, target: refusal.target,
                                              reason: "Switchboard's proxy refused \(refusal.method) \(refusal.target): only the platform's hosts are served")
            }
        }
    }
}
