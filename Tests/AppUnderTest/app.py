"""An app as a team writes it: Flask and the official twilio package, unmodified, configured
only by the environment (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, PORT). Switchboard starts it
(`app.command`) and its REST calls reach the emulator through the HTTPS proxy."""
import os
import sys

import requests
from flask import Flask, request
from twilio.rest import Client

app = Flask(__name__)
client = Client()  # reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN


@app.get("/health")
def health():
    return "ok"


@app.post("/sms")
def sms():
    body = request.form["Body"].strip().lower()
    ours, theirs = request.form["To"], request.form["From"]
    print(f"sms from {theirs}: {body}", flush=True)
    if body == "order":
        client.messages.create(from_=ours, to=theirs, body="Thanks for your order")
        sent = client.messages.list(to=theirs, page_size=1, limit=5)  # one page at a time
        print(f"messages to {theirs}: {len(sent)}", flush=True)
    elif body == "call":
        client.calls.create(to=theirs, from_=ours, twiml="<Response><Say>Your order is ready.</Say></Response>")
    elif body == "numbers":
        numbers = client.incoming_phone_numbers.list(page_size=1)
        service = client.messaging.v1.services.create(friendly_name="Orders")
        client.messaging.v1.services(service.sid).phone_numbers.create(phone_number_sid=numbers[0].sid)
        client.messages.create(messaging_service_sid=service.sid, to=theirs, body=f"{len(numbers)} numbers")
    elif body == "ride":
        service = client.proxy.v1.services.list()[0]
        session = client.proxy.v1.services(service.sid).sessions.create(unique_name=f"ride-{theirs}")
        session_api = client.proxy.v1.services(service.sid).sessions(session.sid)
        session_api.participants.create(identifier=theirs, friendly_name="rider")
        session_api.participants.create(identifier="+15550001111", friendly_name="driver")
    elif body == "leak":
        try:
            requests.get("https://example.com/track", timeout=5)
        except requests.RequestException as error:
            print(f"could not reach example.com: {error}", file=sys.stderr, flush=True)
    elif body == "support":
        # A support thread: the customer by SMS, an agent by chat, through Conversations.
        conversation = client.conversations.v1.conversations.create(friendly_name="Support", unique_name=f"support-{theirs}")
        thread = client.conversations.v1.conversations(conversation.sid)
        thread.participants.create(messaging_binding_address=theirs, messaging_binding_proxy_address=ours)
        thread.participants.create(identity="agent")
        thread.messages.create(author="agent", body="An agent will be with you shortly", x_twilio_webhook_enabled="true")
    elif body == "hours":
        # The shop's hours are an asset of its Serverless Service: found through the API, fetched from its domain.
        environment = client.serverless.v1.services("owl-shop").environments.list()[0]
        hours = requests.get(f"https://{environment.domain_name}/hours.txt", timeout=5).text
        client.messages.create(from_=ours, to=theirs, body=f"We are open {hours}")
    elif body == "crash":
        raise RuntimeError("the order database is down")
    return '<?xml version="1.0" encoding="UTF-8"?><Response/>', 200, {"Content-Type": "text/xml"}


@app.post("/moderate")
def moderate():
    """The Conversations pre-event webhook: rude messages are refused."""
    if "darn" in request.form.get("Body", "").lower():
        return "", 403
    return "", 200


@app.post("/events")
def events():
    print(f"{request.form['EventType']} {request.form.get('Author', '')}: {request.form.get('Body', '')}", flush=True)
    return "", 200


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
