"""The test a team writes by hand for its SMS webhook, without Switchboard: pytest with requests,
Twilio's RequestValidator to sign, lxml to read the TwiML. Each case sends a signed inbound SMS
to the app, checks the reply, then sends the reply's signed status callbacks (sent, delivered).
`switchboard-bench pytest` runs it beside the same 1,000 cases as Switchboard scenarios, against
the same local app (STUB_URL)."""
import os

import pytest
import requests
from lxml import etree
from twilio.request_validator import RequestValidator

STUB = os.environ["STUB_URL"]
TOKEN = "switchboard-test-token"
validator = RequestValidator(TOKEN)
session = requests.Session()


def post_signed(url, params):
    signature = validator.compute_signature(url, params)
    return session.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=15)


@pytest.mark.parametrize("index", range(int(os.environ.get("CASES", "1000"))))
def test_inbound_sms_gets_a_reply_and_its_status_callbacks(index):
    inbound = {"AccountSid": "AC" + "0" * 32, "MessageSid": "SM%032x" % index, "From": "+15558675310", "To": "+14155550100",
               "Body": str(index), "NumMedia": "0", "NumSegments": "1", "SmsStatus": "received", "ApiVersion": "2010-04-01"}
    answer = post_signed(STUB + "/sms", inbound)
    assert answer.status_code == 200
    document = etree.fromstring(answer.content)
    messages = document.findall("Message")
    assert len(messages) == 1
    assert messages[0].text == "Reply to %d" % index
    callback = messages[0].get("statusCallback")
    assert callback == "status"
    for status in ("sent", "delivered"):
        update = {"AccountSid": inbound["AccountSid"], "MessageSid": "SM%032x" % (index + 1), "MessageStatus": status,
                  "From": "+14155550100", "To": "+15558675310", "ApiVersion": "2010-04-01"}
        assert post_signed(STUB + "/" + callback, update).status_code == 200
