import os

import segment.analytics as analytics
from twilio.rest import Client

analytics.write_key = os.environ.get("SEGMENT_WRITE_KEY", "")
_twilio = Client(os.environ.get("TWILIO_ACCOUNT_SID"), os.environ.get("TWILIO_AUTH_TOKEN"))


def sms_patient(to, body):
    msg = _twilio.messages.create(to=to, from_=os.environ["TWILIO_FROM"], body=body)
    return msg.sid


def track(user_id, event, properties=None):
    analytics.track(user_id=user_id, event=event, properties=properties or {})


def track_batch(count, source):
    analytics.track(anonymous_id="lab-relay", event="Results Batch Ingested", properties={"count": count, "source": source})  # SAFE(exposure): aggregate count only
