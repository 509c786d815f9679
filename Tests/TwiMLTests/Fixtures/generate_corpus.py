#!/usr/bin/env python3
"""Writes the TwiML corpus the tests lint: documents produced by Twilio's official Python
helper library (`pip install twilio`), one file per document, every verb with its attributes.

Run once from this folder and commit the output: python3 generate_corpus.py
"""
import os
from twilio.twiml.messaging_response import MessagingResponse, Message, Body, Media, Redirect
from twilio.twiml.voice_response import (VoiceResponse, Gather, Dial, Number, Client, Sip, Conference,
                                         Queue, Enqueue, Refer, Connect, Start, Stop, Pay, Prompt, Say)

def messaging():
    docs = {}
    r = MessagingResponse(); r.message("Hello from Switchboard"); docs["reply"] = r
    r = MessagingResponse()
    r.message("Status tracked", to="+14155550100", from_="+14155550199", action="/status", method="POST",
              status_callback="https://example.com/cb")
    docs["message-attributes"] = r
    r = MessagingResponse(); m = Message(); m.body("Look at this"); m.media("https://example.com/cat.jpg")
    m.media("https://example.com/dog.png"); r.append(m); docs["mms"] = r
    r = MessagingResponse(); r.message("One"); r.message("Two"); r.redirect("/next", method="GET"); docs["two-and-redirect"] = r
    r = MessagingResponse(); r.redirect("https://example.com/sms"); docs["redirect"] = r
    r = MessagingResponse(); docs["empty"] = r
    r = MessagingResponse(); r.message("Ünïcödé ✓ and emoji 🎉 & <escaped>"); docs["unicode"] = r
    return docs

def voice():
    docs = {}
    r = VoiceResponse(); r.say("Hello", voice="alice", language="en-GB", loop=2); r.play("https://example.com/a.mp3", loop=3)
    r.play(digits="wwww3"); r.pause(length=2); r.hangup(); docs["basics"] = r
    r = VoiceResponse()
    g = Gather(input="dtmf speech", action="/menu", method="GET", timeout=7, speech_timeout="auto", max_speech_time=30,
               profanity_filter=False, finish_on_key="*", num_digits=2, partial_result_callback="/partial",
               partial_result_callback_method="POST", language="en-US", hints="sales, support", barge_in=True,
               debug=False, action_on_empty_result=True, speech_model="phone_call", enhanced=True)
    g.say("Press one for sales"); g.play("https://example.com/menu.mp3"); g.pause(length=1); r.append(g)
    r.say("We did not receive input"); r.redirect("/menu", method="POST"); docs["gather"] = r
    r = VoiceResponse()
    r.record(action="/recorded", method="POST", timeout=10, finish_on_key="#", max_length=120, play_beep=False,
             trim="do-not-trim", recording_status_callback="/rsc", recording_status_callback_method="GET",
             recording_status_callback_event="in-progress completed absent", transcribe=True,
             transcribe_callback="/transcribed")
    docs["record"] = r
    r = VoiceResponse()
    d = Dial(action="/dialed", method="POST", timeout=20, hangup_on_star=True, time_limit=600, caller_id="+14155550100",
             record="record-from-answer-dual", trim="trim-silence", recording_status_callback="/rec",
             recording_status_callback_method="POST", recording_status_callback_event="completed",
             answer_on_bridge=True, ring_tone="us", recording_track="both", sequential=False)
    d.number("+14155550101", send_digits="ww1928", url="/whisper", method="GET", status_callback_event="initiated ringing answered completed",
             status_callback="/leg", status_callback_method="POST", machine_detection="Enable", machine_detection_timeout=30)
    d.number("+14155550102")
    d.client("support_agent", status_callback="/client")
    r.append(d); docs["dial-parallel"] = r
    r = VoiceResponse(); d = Dial(); d.sip("sip:alice@example.com", username="alice", password="secret"); r.append(d); docs["dial-sip"] = r
    r = VoiceResponse(); d = Dial()
    d.conference("Room 1234", muted=False, beep="onEnter", start_conference_on_enter=True, end_conference_on_exit=True,
                 wait_url="/hold", wait_method="GET", max_participants=10, record="record-from-start",
                 status_callback_event="start end join leave", status_callback="/conf")
    r.append(d); docs["dial-conference"] = r
    r = VoiceResponse(); d = Dial(); d.queue("support", url="/about-to-connect", method="POST"); r.append(d); docs["dial-queue"] = r
    r = VoiceResponse(); r.dial("+14155550103"); r.say("The call ended"); docs["dial-bare"] = r
    r = VoiceResponse(); r.reject(reason="busy"); docs["reject"] = r
    r = VoiceResponse(); r.enqueue("support", action="/left", method="POST", wait_url="/wait", wait_url_method="GET"); docs["enqueue"] = r
    r = VoiceResponse(); r.leave(); docs["leave"] = r
    r = VoiceResponse(); ref = Refer(action="/referred", method="POST"); ref.sip("sip:bob@example.com"); r.append(ref); docs["refer"] = r
    r = VoiceResponse(); c = Connect(action="/connected"); c.stream(url="wss://example.com/stream", track="both_tracks"); r.append(c); docs["connect-stream"] = r
    r = VoiceResponse(); s = Start(); s.stream(url="wss://example.com/audio"); r.append(s); r.say("Streaming"); docs["start-stream"] = r
    r = VoiceResponse(); p = Pay(charge_amount="10.00", payment_connector="Default", action="/paid", max_attempts=2)
    pr = Prompt(for_="payment-card-number"); pr.say("Enter your card number"); p.append(pr); r.append(p); docs["pay"] = r
    r = VoiceResponse(); r.sms("Thanks for calling", to="+14155550100", from_="+14155550199"); docs["sms-in-call"] = r
    r = VoiceResponse(); s = Say("Hello"); s.break_(strength="x-weak", time="100ms"); s.emphasis("really", level="strong")
    s.prosody("slowly", rate="slow"); s.say_as("12345", interpret_as="digits"); r.append(s); docs["say-ssml"] = r
    r = VoiceResponse(); r.echo(); docs["echo"] = r
    return docs

def write(folder, docs):
    os.makedirs(folder, exist_ok=True)
    for name, doc in docs.items():
        with open(os.path.join(folder, name + ".xml"), "w", encoding="utf-8") as f:
            f.write(str(doc))

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(here, "corpus", "messaging"), messaging())
    write(os.path.join(here, "corpus", "voice"), voice())
