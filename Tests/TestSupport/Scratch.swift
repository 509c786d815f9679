import Foundation

/// Files and folders of this test process's own, under one folder in the system's temporary
/// folder that goes away when the process exits: test runs do not pile up files in /tmp (where
/// thousands of leftovers make file creation slow for everything else on the machine).
public enum Scratch {
    private static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return root
    }()

    /// A fresh path under the process's folder, `name-<UUID>` (nothing is created there).
    public static func path(_ name: String) -> URL {
        root.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }
}
