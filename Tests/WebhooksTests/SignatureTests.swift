import Testing
import Traffic
import Webhooks

/// The vectors of shared/reference/twilio-behaviour.md §5 (from twilio-python's own tests).
@Suite struct SignatureTests {
    let token = "12345"
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    let parameters = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675309"), ("Digits", "1234"),
                      ("From", "+14158675309"), ("To", "+18005551212")]

    @Test func signedStringAndSignature() {
        #expect(Signature.signedString(url: url, parameters: parameters)
            == "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212")
        #expect(Signature.compute(token: token, url: url, parameters: parameters) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        #expect(Signature.compute(token: token, url: url, parameters: parameters.reversed()) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
    }

    @Test func portVariants() {
        #expect(Signature.compute(token: token, url: "https://mycompany.com:443/myapp.php?foo=1&bar=2", parameters: parameters)
            == "kvajT1Ptam85bY51eRf/AJRuM3w=")
        #expect(Signature.compute(token: token, url: "http://mycompany.com:80/myapp.php?foo=1&bar=2", parameters: parameters)
            == "0ZXoZLH/DfblKGATFgpif+LLRf4=")
        // The validator accepts a signature made with the default port for the URL without it, and the reverse.
        #expect(SignatureVerifier.isValid(signature: "kvajT1Ptam85bY51eRf/AJRuM3w=", token: token, url: url, parameters: parameters))
        #expect(SignatureVerifier.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", token: token,
                                          url: "https://mycompany.com:443/myapp.php?foo=1&bar=2", parameters: parameters))
    }

    @Test func jsonBodyVariant() {
        let body = Array(#"{"property": "value", "boolean": true}"#.utf8)
        #expect(Signature.bodySHA256(body) == "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620")
        let signedURL = url + "&bodySHA256=" + Signature.bodySHA256(body)
        #expect(Signature.compute(token: token, url: signedURL, parameters: []) == "a9nBmqA0ju/hNViExpshrM61xv4=")
        #expect(SignatureVerifier.isValid(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", token: token, url: signedURL, parameters: [], body: body))
        #expect(!SignatureVerifier.isValid(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", token: token, url: signedURL, parameters: [],
                                           body: Array("{}".utf8)))
    }

    @Test func repeatedKeysAreDedupedAndSorted() {
        let repeated = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234"), ("Digits", "1234")]
        #expect(Signature.compute(token: token, url: url, parameters: repeated) == "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
    }

    @Test func verifierNamesTheUsualMistake() {
        let signature = Signature.compute(token: token, url: url, parameters: parameters)
        #expect(SignatureVerifier.verify(signature: signature, token: token, url: url, parameters: parameters) == .valid)
        guard case .mismatch(let scheme) = SignatureVerifier.verify(
            signature: signature, token: token, url: "http://mycompany.com/myapp.php?foo=1&bar=2", parameters: parameters) else {
            Issue.record("expected a scheme mismatch"); return
        }
        #expect(scheme.contains("scheme"))
        // Validators drop a port, so a URL with an extra port still validates; the reverse is the mistake.
        #expect(SignatureVerifier.verify(signature: signature, token: token, url: "https://mycompany.com:8080/myapp.php?foo=1&bar=2",
                                         parameters: parameters) == .valid)
        let withPort = Signature.compute(token: token, url: "https://mycompany.com:8080/myapp.php?foo=1&bar=2", parameters: parameters)
        guard case .mismatch(let port) = SignatureVerifier.verify(signature: withPort, token: token, url: url, parameters: parameters) else {
            Issue.record("expected a port mismatch"); return
        }
        #expect(port.contains("port 8080"))
        let withoutQuery = Signature.compute(token: token, url: "https://mycompany.com/myapp.php", parameters: parameters)
        guard case .mismatch(let query) = SignatureVerifier.verify(signature: withoutQuery, token: token, url: url, parameters: parameters) else {
            Issue.record("expected a query-string mismatch"); return
        }
        #expect(query.contains("query string"))
        #expect(SignatureVerifier.verify(signature: signature, token: "wrong", url: url, parameters: parameters) == .invalid)
    }
}

@Suite struct FormEncodingTests {
    @Test func encodesAsTheLibrariesDo() {
        #expect(FormEncoding.encode([("Body", "Hi there & café?"), ("From", "+14155550100")])
            == "Body=Hi+there+%26+caf%C3%A9%3F&From=%2B14155550100")
        let decoded = FormEncoding.decode("Body=Hi+there+%26+caf%C3%A9%3F&From=%2B14155550100&Empty=")
        #expect(decoded.map(\.0) == ["Body", "From", "Empty"])
        #expect(decoded.map(\.1) == ["Hi there & café?", "+14155550100", ""])
    }

    @Test func formDecodingKeepsOrderAndOddInput() {
        let pairs = FormEncoding.decode("a=1&b=%2B+x&&c&d=%zz%4&e=%C3%A9&a=2")
        #expect(pairs.map(\.0) == ["a", "b", "c", "d", "e", "a"])
        #expect(pairs.map(\.1) == ["1", "+ x", "", "%zz%4", "é", "2"])
        #expect(FormEncoding.decode("").isEmpty)
        let parameters = [("Body", "Hi & bye = 100% ✓"), ("To", "+14155550100")]
        #expect(FormEncoding.decode(FormEncoding.encode(parameters)).map { [$0.0, $0.1] } == parameters.map { [$0.0, $0.1] })
    }
}
