import Foundation
import Testing
import TwiML

/// Documents written by Twilio's official Python helper library lint clean in their dialect.
@Suite struct CorpusTests {
    static func corpus(_ dialect: Dialect) -> [URL] {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/corpus/\(dialect.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func corpusIsPresent() {
        #expect(Self.corpus(.messaging).count >= 7)
        #expect(Self.corpus(.voice).count >= 18)
    }

    @Test(arguments: Dialect.allCases)
    func everyDocumentLintsClean(dialect: Dialect) throws {
        for file in Self.corpus(dialect) {
            let document = try TwiMLDocument.parse(Array(Data(contentsOf: file))).get()
            let diagnostics = document.diagnostics(as: dialect)
            #expect(diagnostics.isEmpty, "\(file.lastPathComponent): \(diagnostics)")
        }
    }

    @Test func voiceCorpusIsNotValidMessaging() throws {
        let file = Self.corpus(.voice).first { $0.lastPathComponent == "gather.xml" }!
        let document = try TwiMLDocument.parse(Array(Data(contentsOf: file))).get()
        let codes = document.diagnostics(as: .messaging).map(\.code.code)
        #expect(codes == [14110, 14110], "<Gather> and <Say> are voice verbs; <Redirect> is valid in both")
    }
}
