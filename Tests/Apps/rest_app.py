"""A third-party style app that calls the platform's REST API, for the end-to-end tests, written
the way Twilio's Flask samples are: the official helper library's Client, built from
TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, used unmodified except for its base URLs, which point
at the emulator (SWITCHBOARD_API, e.g. http://127.0.0.1:4010). RequestValidator checks every
webhook. Prints the port it listens on, then serves until its standard input closes."""
import os
import sys
import threading
from flask import Flask, request, url_for
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse
from werkzeug.serving import make_server

app = Flask(__name__)
validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
client = Client()  # TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from the environment
for domain in ("api", "messaging", "proxy"):
    getattr(client, domain).base_url = os.environ["SWITCHBOARD_API"] + "/" + domain + ".twilio.com"


@app.before_request
def require_twilio_signature():
    params = request.form.to_dict() if request.method == "POST" else {}
    if not validator.validate(request.url, params, request.headers.get("X-Twilio-Signature", "")):
        return "invalid signature", 403


@app.route("/sms", methods=["POST"])
def sms():
    """Answers through the API, as apps that do work before replying do."""
    body = request.form["Body"].strip().upper()
    customer, number = request.form["From"], request.form["To"]
    if body == "CALL":
        client.calls.create(to=customer, from_=number, url=url_for("voice", _external=True),
                            status_callback=url_for("status", _external=True),
                            status_callback_event=["initiated", "ringing", "answered", "completed"])
    elif body == "RIDE":
        service = next(s for s in client.proxy.v1.services.list() if s.unique_name == "rides")
        ride = client.proxy.v1.services(service.sid).sessions.create(unique_name="ride-" + customer, ttl=3600)
        client.proxy.v1.services(service.sid).sessions(ride.sid).participants.create(identifier=customer, friendly_name="rider")
        client.proxy.v1.services(service.sid).sessions(ride.sid).participants.create(identifier="+14155550002", friendly_name="driver")
    else:
        sent = client.messages.list(to=customer, limit=20)
        client.messages.create(to=customer, from_=number, body=f"Thanks! Message {len(sent) + 1} from us.",
                               status_callback=url_for("status", _external=True))
    return str(MessagingResponse())


@app.route("/voice", methods=["POST"])
def voice():
    response = VoiceResponse()
    response.say("Your driver is on the way.")
    return str(response)


@app.route("/status", methods=["POST"])
def status():
    return "", 204


if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(server.server_port, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
