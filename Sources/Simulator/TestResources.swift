import Platform

/// What the test credentials' requests answer with: resources that look created, with SIDs of
/// a stream of their own, and that take no part in the world (nothing is sent, no status
/// callback fires, as the platform does for test credentials).
extension World {
    /// A message in `queued`, not sent.
    public func testMessage(to: String, from: String, body: String) -> OutboundMessage {
        let sid = testSids.next(.message).description
        return OutboundMessage(sid: sid, from: from, to: to, direction: "outbound-api", body: body, mediaURLs: [], segments: Segments.count(body),
                               encoding: Segments.encoding(of: body), messagingServiceSid: nil, statusCallback: nil,
                               statuses: [StatusChange(status: .queued, time: now)], errorCode: nil)
    }

    /// A call in `queued`, not placed.
    public func testCall(to: String, from: String) -> Call {
        Call(sid: testSids.next(.call).description, from: from, to: to, direction: "outbound-api", parentSid: nil, status: .queued, created: now)
    }

    /// A number that looks bought, not added to the account.
    public func testNumber(_ number: String) -> NumberConfiguration {
        var bought = NumberConfiguration(number: number)
        bought.sid = testSids.next(.phoneNumber).description
        bought.created = now
        return bought
    }
}
