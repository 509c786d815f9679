import Foundation
import Simulator
import Synchronization

/// Function code uploaded through the API, written to a file of its own (once per version, in
/// the process's temporary folder) for the Node.js runtime to load.
enum UploadedCode {
    private static let folder = (NSTemporaryDirectory() as NSString)
        .appendingPathComponent("switchboard-functions-\(ProcessInfo.processInfo.processIdentifier)")
    private static let written = Mutex<Set<String>>([])

    /// Removes the files written (at the end of the run).
    static func removeAll() {
        try? FileManager.default.removeItem(atPath: folder)
        written.withLock { $0.removeAll() }
    }

    /// The file holding the version's code, or nil when it cannot be written.
    static func file(for version: ServerlessVersion) -> String? {
        let path = (folder as NSString).appendingPathComponent(version.sid + ".js")
        if written.withLock({ $0.contains(version.sid) }) { return path }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(version.content).write(to: URL(fileURLWithPath: path))
        } catch {
            return nil
        }
        written.withLock { _ = $0.insert(version.sid) }
        return path
    }
}
