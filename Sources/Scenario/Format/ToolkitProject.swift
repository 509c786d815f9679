import Foundation
import Simulator

/// A project laid out as the Serverless Toolkit lays it out: `functions/**.js` (a function's
/// path is its file's without `.js`; `x.protected.js` is protected, `x.private.js` private),
/// `assets/**` (the same markers, kept out of the path: `logo.private.png` is `/logo.png`) and
/// `.env` (variables of every environment; `ACCOUNT_SID` and `AUTH_TOKEN` are the account's own).
enum ToolkitProject {
    static func read(_ root: String, into service: inout ServerlessServiceDeclaration) {
        for (relative, file) in files(under: root + "/functions") where relative.hasSuffix(".js") {
            let (path, visibility) = route(String(relative.dropLast(3)))
            var item = ServerlessServiceDeclaration.Item(path: path, visibility: visibility)
            item.origin = "node:" + file
            item.content = Array(FileManager.default.contents(atPath: file) ?? Data())
            service.functions.append(item)
        }
        for (relative, file) in files(under: root + "/assets") {
            let name = (relative as NSString).lastPathComponent
            let folder = (relative as NSString).deletingLastPathComponent
            var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var visibility = ServerlessVisibility.public
            if parts.count > 2, let marker = ServerlessVisibility(rawValue: parts[parts.count - 2]), marker != .public {
                visibility = marker
                parts.remove(at: parts.count - 2)
            }
            var item = ServerlessServiceDeclaration.Item(path: "/" + (folder.isEmpty ? "" : folder + "/") + parts.joined(separator: "."),
                                                         visibility: visibility)
            item.content = Array(FileManager.default.contents(atPath: file) ?? Data())
            item.contentType = contentType(of: name)
            item.origin = "file:" + file
            service.assets.append(item)
        }
        let variables = environmentFile(root + "/.env")
        for index in service.environments.indices {
            let declared = Set(service.environments[index].variables.map(\.key))
            service.environments[index].variables += variables.filter { !declared.contains($0.key) }
        }
    }

    /// A function's path and visibility from its file's path without `.js`.
    private static func route(_ name: String) -> (String, ServerlessVisibility) {
        for visibility in [ServerlessVisibility.protected, .private] where name.hasSuffix("." + visibility.rawValue) {
            return ("/" + name.dropLast(visibility.rawValue.count + 1), visibility)
        }
        return ("/" + name, .public)
    }

    /// Every file below a folder, by its path relative to it, sorted.
    private static func files(under folder: String) -> [(String, String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let file = folder + "/" + relative
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue, !relative.hasPrefix(".") {
                found.append((relative, file))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// `KEY=VALUE` lines (quotes taken off; comments and the account's own keys left out).
    private static func environmentFile(_ path: String) -> [(key: String, value: String)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { return nil }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" { value = String(value.dropFirst().dropLast()) }
            guard !key.isEmpty, key != "ACCOUNT_SID", key != "AUTH_TOKEN" else { return nil }
            return (key, value)
        }
    }

    private static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "txt": "text/plain"
        case "html", "htm": "text/html"
        case "css": "text/css"
        case "js": "application/javascript"
        case "json": "application/json"
        case "xml": "text/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "mp3": "audio/mpeg"
        case "wav": "audio/wav"
        default: "application/octet-stream"
        }
    }
}
