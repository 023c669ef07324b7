import logging
import os

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

log = logging.getLogger("riverbend.sms")
_client = Client(os.environ.get("TWILIO_SID"), os.environ.get("TWILIO_TOKEN"))
FROM = os.environ.get("TWILIO_FROM", "+15550100")


def notify_arrival_window(to_number: str, window: str, clinician_first_name: str) -> bool:
    body = f"Riverbend Home Health: {clinician_first_name} will arrive between {window}. Reply STOP to opt out."
    try:
        _client.messages.create(to=to_number, from_=FROM, body=body)
        return True
    except TwilioRestException as exc:
        log.warning("sms to %s failed: %s", to_number, exc.msg)  # LEAK(logging): patient phone number in the warning
        return False
