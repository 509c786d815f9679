import Testing
import Traffic
import Webhooks

@Suite struct ConnectionOverridesTests {
    @Test func defaultsWithoutFragment() throws {
        let (url, overrides) = try ConnectionOverrides.parse(url: "https://example.com/sms").get()
        #expect(url == "https://example.com/sms")
        #expect(overrides.connectTimeout == 5_000 && overrides.readTimeout == 15_000 && overrides.totalTime == 15_000)
        #expect(overrides.retryCount == 1 && overrides.retryPolicy == [.connectFailure] && overrides.edges == ["ashburn"])
    }

    @Test func fragmentIsParsedAndStripped() throws {
        let (url, overrides) = try ConnectionOverrides.parse(
            url: "https://example.com/sms?x=1#ct=1000&rt=3000&rc=2&rp=ct,rt,5xx&tt=9000&e=dublin,tokyo&sni=y&future=1").get()
        #expect(url == "https://example.com/sms?x=1")
        #expect(overrides.connectTimeout == 1_000 && overrides.readTimeout == 3_000 && overrides.totalTime == 9_000)
        #expect(overrides.retryCount == 2)
        #expect(overrides.retryPolicy == [.connectFailure, .readTimeout, .serverError])
        #expect(overrides.edges == ["dublin", "tokyo"] && overrides.serverNameIndication == true)
        #expect(try ConnectionOverrides.parse(url: "https://e.com/#rp=all").get().overrides.retryPolicy.count == 4)
    }

    @Test func badValuesGiveTheirCodes() {
        let cases: [(String, Int)] = [
            ("#rp=sometimes", 11243), ("#rp=", 11243), ("#ct=99", 11100), ("#ct=10001", 11100), ("#rt=abc", 11100),
            ("#tt=16000", 11100), ("#rc=6", 11100), ("#e=mars", 11100), ("#sni=maybe", 11100),
        ]
        for (fragment, code) in cases {
            switch ConnectionOverrides.parse(url: "https://example.com/sms" + fragment) {
            case .success: Issue.record("\(fragment) should be refused")
            case .failure(let failure):
                #expect(failure.code.code == code, "\(fragment)")
                #expect(failure.url == "https://example.com/sms")
            }
        }
    }
}

@Suite struct CookieJarTests {
    let start = 1_700_000_000.0

    @Test func keptPerPairForFourHours() {
        let jar = CookieJar()
        jar.store(setCookie: "session=abc; Path=/; HttpOnly", from: "+1555", to: "+1666", now: start)
        #expect(jar.header(from: "+1555", to: "+1666", now: start + 60) == "session=abc")
        #expect(jar.header(from: "+1555", to: "+1777", now: start + 60) == nil)
        #expect(jar.header(from: "+1555", to: "+1666", now: start + 4 * 3600 - 1) == "session=abc")
        #expect(jar.header(from: "+1555", to: "+1666", now: start + 4 * 3600) == nil)
    }

    @Test func maxAgeExpiresAndReplacement() {
        let jar = CookieJar()
        jar.store(setCookie: "a=1; Max-Age=60", from: "x", to: "y", now: start)
        #expect(jar.header(from: "x", to: "y", now: start + 59) == "a=1")
        #expect(jar.header(from: "x", to: "y", now: start + 61) == nil)
        jar.store(setCookie: "a=1; Max-Age=999999", from: "x", to: "y", now: start)
        #expect(jar.header(from: "x", to: "y", now: start + 4 * 3600 + 1) == nil, "capped at four hours")
        jar.store(setCookie: "b=2; Expires=Tue, 14 Nov 2023 22:26:40 GMT", from: "x", to: "y", now: start)
        #expect(jar.header(from: "x", to: "y", now: start + 10) == "b=2", "replaces the pair's previous cookie")
        #expect(jar.header(from: "x", to: "y", now: start + 1_000) == nil, "Expires is 800 s after start")
        jar.store(setCookie: "c=3", from: "x", to: "y", now: start)
        jar.store(setCookie: "c=; Max-Age=0", from: "x", to: "y", now: start + 5)
        #expect(jar.header(from: "x", to: "y", now: start + 6) == nil, "Max-Age=0 deletes")
    }
}

@Suite struct WebhookURLTests {
    /// A password written in a webhook URL never reaches a report.
    @Test func credentialsAreRedactedForReports() {
        #expect(WebhookURL.redacted("https://user:s3cret@example.com/sms?x=1#ct=500") == "https://user:***@example.com/sms?x=1#ct=500")
        #expect(WebhookURL.redacted("http://token@127.0.0.1:8080/") == "http://***@127.0.0.1:8080/")
        #expect(WebhookURL.redacted("https://example.com/a@b") == "https://example.com/a@b", "an @ in the path is no credential")
        #expect(WebhookURL.redacted("not a url") == "not a url")
    }

    /// A call's cookies outlive the four hours of an SMS conversation's.
    @Test func aCallKeepsItsCookiesForTheWholeCall() {
        let jar = CookieJar()
        jar.store(setCookie: "step=2", from: "CA1", to: "call", now: 0, lifetime: WebhookKind.voice.cookieLifetime)
        #expect(jar.header(from: "CA1", to: "call", now: 5 * 3600) == "step=2")
        #expect(WebhookKind.messagingRedirect.storesCookies && WebhookKind.messagingRedirect.cookieLifetime == CookieJar.lifetime)
    }
}
