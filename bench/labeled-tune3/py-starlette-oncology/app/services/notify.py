"""Patient reminders (email) and product analytics."""
import smtplib
from email.message import EmailMessage

from posthog import Posthog

from .. import settings

posthog = Posthog(project_api_key=settings.POSTHOG_KEY, host="https://us.i.posthog.com")


def send_infusion_reminder(to_addr: str, name: str, chair_time: str, protocol: str) -> None:
    msg = EmailMessage()
    msg["From"] = "infusion-center@northbay-onc.org"
    msg["To"] = to_addr
    msg["Subject"] = "Your upcoming infusion appointment"
    msg.set_content(
        f"Hello {name},\n\nThis is a reminder of your {protocol} infusion on {chair_time}.\n"
        "Please arrive 30 minutes early for labs.\n"
    )
    with smtplib.SMTP(settings.SMTP_HOST, 25) as smtp:  # LEAK(transmission): reminder with name and regimen relayed over SMTP without STARTTLS
        smtp.send_message(msg)


def send_staff_digest(to_addr: str, counts: dict) -> None:
    msg = EmailMessage()
    msg["From"] = "infusion-center@northbay-onc.org"
    msg["To"] = to_addr
    msg["Subject"] = "Infusion chair utilisation"
    msg.set_content("\n".join(f"{k}: {v}" for k, v in counts.items()))
    with smtplib.SMTP_SSL(settings.SMTP_HOST, settings.SMTP_PORT) as smtp:  # SAFE(transmission): implicit TLS on 465
        smtp.send_message(msg)


def track(distinct_id: str, event: str, properties: dict | None = None) -> None:
    posthog.capture(distinct_id=distinct_id, event=event, properties=properties or {})
