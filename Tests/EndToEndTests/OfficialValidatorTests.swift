import Foundation
import Testing

/// Signatures from `switchboard sign` checked by Twilio's official Python validator
/// (`pip install twilio`) on vectors generated here, not taken from the reference.
@Suite(.enabled(if: Python.canImport("twilio.request_validator, multidict"), "needs python3 with the twilio package"))
struct OfficialValidatorTests {
    @Test func randomVectorsValidate() async throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 +&=%é✓/?#-_.~")
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }) }
        var cases: [[String: Any]] = []
        for index in 0..<25 {
            let url = "https://app-\(index).example.com:\(index % 2 == 0 ? 443 : 8443)/hooks/\(word(4).filter(\.isLetter))?tenant=\(index)"
            var parameters: [(String, String)] = (0..<(index % 6 + 1)).map { _ in ("P" + word(3).filter(\.isLetter), word(8)) }
            if index % 5 == 0 { parameters.append(("Digits", "1")); parameters.append(("Digits", "2")) }
            let arguments = ["sign", "--token", "tok-\(index)", url] + parameters.map { "\($0.0)=\($0.1)" }
            let result = try await SwitchboardProcess.run(arguments)
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
        let result = try await Python.run(script, input: try JSONSerialization.data(withJSONObject: cases))
        let verdicts = result.stdout.split(separator: "\n")
        #expect(verdicts.count == cases.count, "python: \(result.stderr)")
        #expect(verdicts.allSatisfy { $0 == "True" }, "\(verdicts)")
    }
}
