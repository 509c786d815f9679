import Foundation
import MultipartKit
import NIOCore

/// A file part of a `multipart/form-data` request (the upload API's `Content`).
public struct UploadedFile: Sendable {
    public let content: [UInt8]
    public let contentType: String
    public let filename: String?

    public init(content: [UInt8], contentType: String, filename: String?) {
        self.content = content
        self.contentType = contentType
        self.filename = filename
    }
}

/// Reads and writes `multipart/form-data` bodies with MultipartKit: text fields in order, and
/// file parts (those with a `filename`) by name.
enum MultipartForm {
    /// The boundary of a `multipart/form-data` content type, or nil for any other.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// The fields and files, or nil when the body is not well-formed multipart.
    static func decode(_ body: ByteBuffer, boundary: String) -> (fields: [(String, String)], files: [String: UploadedFile])? {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var headers: [(String, String)] = []
        var content = ByteBuffer()
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { chunk in content.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, content))
            headers = []
            content = ByteBuffer()
        }
        do { try parser.execute(body) } catch { return nil }
        var fields: [(String, String)] = []
        var files: [String: UploadedFile] = [:]
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0 == "content-disposition" })?.1,
                  let name = attribute("name", in: disposition) else { continue }
            let bytes = Array(part.body.readableBytesView)
            if let filename = attribute("filename", in: disposition) {
                files[name] = UploadedFile(content: bytes, contentType: part.headers.first { $0.0 == "content-type" }?.1 ?? "application/octet-stream",
                                           filename: filename)
            } else {
                fields.append((name, String(decoding: bytes, as: UTF8.self)))
            }
        }
        return (fields, files)
    }

    /// The body of text fields and file parts.
    static func encode(fields: [(String, String)], files: [(name: String, file: UploadedFile)], boundary: String) -> ByteBuffer {
        var parts = fields.map { name, value in
            MultipartPart(headers: ["Content-Disposition": "form-data; name=\"\(name)\""], body: value)
        }
        for (name, file) in files {
            parts.append(MultipartPart(headers: ["Content-Disposition": "form-data; name=\"\(name)\"; filename=\"\(file.filename ?? name)\"",
                                                 "Content-Type": file.contentType], body: file.content))
        }
        var buffer = ByteBuffer()
        try? MultipartSerializer().serialize(parts: parts, boundary: boundary, into: &buffer)
        return buffer
    }

    /// `name="value"` in a `Content-Disposition`.
    private static func attribute(_ name: String, in disposition: String) -> String? {
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
