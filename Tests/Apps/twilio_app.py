"""A third-party style app for the end-to-end tests, written the way Twilio's Flask samples are
(ivr-phone-tree-flask, automated-survey-flask, call-forwarding-flask, a masked-number Proxy app):
twilio's VoiceResponse, url_for and redirect (HTTP 302), Flask's cookie session, jsonify, and
RequestValidator on every request. Prints the port it listens on, then serves until its standard
input closes (the test ends, however it ends)."""
import os
import sys
import threading
from flask import Flask, jsonify, request, url_for, redirect, session
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import Gather, VoiceResponse
from werkzeug.serving import make_server

app = Flask(__name__)
app.secret_key = "switchboard-tests"
validator = RequestValidator(sys.argv[1])


@app.before_request
def require_twilio_signature():
    params = request.form.to_dict() if request.method == "POST" else {}
    if not validator.validate(request.url, params, request.headers.get("X-Twilio-Signature", "")):
        return "invalid signature", 403


@app.route("/ivr/welcome", methods=["POST"])
def welcome():
    response = VoiceResponse()
    gather = Gather(num_digits=1, action=url_for("menu"), method="POST")
    gather.say("Thanks for calling. Press 1 for directions. Press 2 for a list of planets to call.", loop=3)
    response.append(gather)
    return str(response)


@app.route("/ivr/menu", methods=["POST"])
def menu():
    digits = request.form["Digits"]
    if digits == "1":
        response = VoiceResponse()
        response.say("Get on your bike and ride.")
        response.hangup()
        return str(response)
    if digits == "2":
        session["menu"] = "planets"
        return redirect(url_for("planets"))
    response = VoiceResponse()
    response.say("Returning to the main menu")
    response.redirect(url_for("welcome"))
    return str(response)


@app.route("/ivr/planets", methods=["GET", "POST"])
def planets():
    response = VoiceResponse()
    gather = Gather(num_digits=1, action="planet", method="POST")
    gather.say("To call the planet Brodo, press 2. To call the planet Dugobah, press 3.")
    response.append(gather)
    return str(response)


@app.route("/ivr/planet", methods=["POST"])
def planet():
    response = VoiceResponse()
    if session.get("menu") != "planets":
        response.say("Your session was lost.")
        return str(response)
    number = {"2": "+19295566487", "3": "+17262043675"}[request.form["Digits"]]
    response.dial(number, action=url_for("dialed"))
    # The app's author mis-cased an attribute: the platform ignores it.
    return str(response).replace("<Dial ", '<Dial timelimit="600" ')


@app.route("/ivr/dialed", methods=["POST"])
def dialed():
    response = VoiceResponse()
    response.say("Your call ended with status " + request.form["DialCallStatus"])
    return str(response)


@app.route("/survey/question", methods=["POST"])
def question():
    response = VoiceResponse()
    response.say("Tell us about your ride after the beep.")
    response.record(action=url_for("answer"), max_length=30, finish_on_key="#", transcribe=True,
                    transcribe_callback=url_for("transcription"))
    response.say("We did not get a recording.")
    return str(response)


@app.route("/survey/answer", methods=["POST"])
def answer():
    response = VoiceResponse()
    response.say("Thanks for your %s second answer." % request.form["RecordingDuration"])
    return str(response)


@app.route("/survey/transcription", methods=["POST"])
def transcription():
    return ("", 204)


@app.route("/forward", methods=["POST"])
def forward():
    response = VoiceResponse()
    dial = response.dial(caller_id=request.form["To"])
    dial.number("+14155550300", url=url_for("whisper"))
    return str(response)


@app.route("/whisper", methods=["POST"])
def whisper():
    response = VoiceResponse()
    response.say("Forwarded call from your business line.")
    return str(response)


@app.route("/proxy/intercept", methods=["POST"])
def intercept():
    if "cash" in request.form.get("interactionData", "").lower():
        return "", 403
    return "", 200


@app.route("/proxy/out-of-session", methods=["POST"])
def out_of_session():
    return jsonify(uniqueName="support-" + request.form["From"], participantIdentifier="+14155550009", ttl=3600)


@app.route("/proxy/interaction", methods=["POST"])
def interaction():
    return "", 200


def exit_when_the_test_goes_away():
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, app)
    threading.Thread(target=exit_when_the_test_goes_away, daemon=True).start()
    print(server.server_port, flush=True)
    server.serve_forever()
