import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Platform

/// Waits until a started app is ready: its `ready` path answers 2xx, or its port accepts
/// connections; gives up when the process ends or the timeout passes.
public enum ReadyCheck {
    /// Why an app is not ready.
    public struct NotReady: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Returns once the app is ready; throws `NotReady` with the reason otherwise.
    public static func wait(for app: AppProcess) async throws(NotReady) {
        let deadline = ContinuousClock.now + .milliseconds(Int(app.definition.readyTimeout * 1000))
        var last = "nothing answered yet"
        while ContinuousClock.now < deadline {
            if let ending = app.ending { throw NotReady(description: "the app \(ending.description) before it was ready") }
            switch await probe(app) {
            case nil: return
            case let answer?: last = answer
            }
            try? await Task.sleep(for: .milliseconds(50))
            if Task.isCancelled { throw NotReady(description: "the run was interrupted") }
        }
        throw NotReady(description: "the app was not ready after \(Decimals.format(app.definition.readyTimeout, digits: 1)) s (\(what(app)): \(last))")
    }

    private static func what(_ app: AppProcess) -> String {
        switch app.definition.readiness {
        case .path(let path): "GET \(app.baseURL)\(path) must answer 2xx"
        case .port(let port): "port \(port ?? app.port) must accept connections"
        }
    }

    /// nil when ready, else what was seen.
    private static func probe(_ app: AppProcess) async -> String? {
        switch app.definition.readiness {
        case .port(let port):
            do {
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(.seconds(1)).connect(host: "127.0.0.1", port: port ?? app.port).get()
                try? await channel.close()
                return nil
            } catch {
                return "\(error)"
            }
        case .path(let path):
            var request = HTTPClientRequest(url: app.baseURL + path)
            request.method = .GET
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
                _ = try? await response.body.collect(upTo: 1 << 20)
                return (200..<300).contains(Int(response.status.code)) ? nil : "the last answer was \(response.status.code)"
            } catch {
                return "\(error)"
            }
        }
    }
}
