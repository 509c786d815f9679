import Foundation
import Testing

/// Whether `python3` can import Twilio's official helper library.
let pythonHasTwilio: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import twilio.request_validator, multidict"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// Signatures from `switchboard sign` checked by Twilio's official Python validator
/// (`pip install twilio`) on vectors generated here, not taken from the reference.
@Suite(.enabled(if: pythonHasTwilio, "needs python3 with the twilio package"))
struct OfficialValidatorTests {
    @Test func randomVectorsValidate() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 +&=%é✓/?#-_.~")
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }) }
        var cases: [[String: Any]] = []
        for index in 0..<25 {
            let url = "https://app-\(index).example.com:\(index % 2 == 0 ? 443 : 8443)/hooks/\(word(4).filter(\.isLetter))?tenant=\(index)"
            var parameters: [(String, String)] = (0..<(index % 6 + 1)).map { _ in ("P" + word(3).filter(\.isLetter), word(8)) }
            if index % 5 == 0 { parameters.append(("Digits", "1")); parameters.append(("Digits", "2")) }
            let arguments = ["sign", "--token", "tok-\(index)", url] + parameters.map { "\($0.0)=\($0.1)" }
            let result = try SwitchboardProcess.run(arguments)
            #expect(result.status == 0)
            cases.append(["url": url, "token": "tok-\(index)", "signature": result.stdout.trimmingCharacters(in: .newlines),
                          "params": parameters.map { [$0.0, $0.1] }])
        }
        let script = """
        import json, sys
        from multidict import MultiDict
        from twilio.request_validator import RequestValidator
        for case in json.load(sys.stdin):
            params = MultiDict([tuple(pair) for pair in case["params"]])
            print(RequestValidator(case["token"]).validate(case["url"], params, case["signature"]))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: cases))
        try input.fileHandleForWriting.close()
        let verdicts = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(verdicts.count == cases.count, "python: \(problems)")
        #expect(verdicts.allSatisfy { $0 == "True" }, "\(verdicts)")
    }
}
