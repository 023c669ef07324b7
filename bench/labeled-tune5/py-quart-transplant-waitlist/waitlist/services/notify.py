"""Patient letters and coordinator paging."""
from __future__ import annotations

import logging
from email.message import EmailMessage

import aiosmtplib
import httpx

from ..config import settings

log = logging.getLogger(__name__)

STATUS_TEXT = {
    "active": "You are now active on the transplant waiting list.",
    "temp_inactive": "Your listing has been placed on temporary hold.",
    "removed": "You have been removed from the transplant waiting list.",
}


async def _send(msg: EmailMessage) -> None:
    await aiosmtplib.send(msg, hostname=settings.smtp_host, port=settings.smtp_port, use_tls=False, start_tls=False)  # LEAK(transmission): SMTP to relay without TLS


async def send_status_letter(rec: dict, status: str) -> None:
    msg = EmailMessage()
    msg["From"] = "transplant-office@hospital.example.org"
    msg["To"] = rec["email"]
    msg["Subject"] = f"{rec['first_name']} {rec['last_name']}: {rec['organ']} waitlist status update"  # LEAK(exposure): name and organ listing in email subject
    msg.set_content(
        f"{STATUS_TEXT.get(status, status)}\n\nDiagnosis on file: {rec['primary_diagnosis']}\n"
        "Call the transplant office with any questions."
    )
    await _send(msg)


async def page_on_call(offer_id: int, organ: str, minutes_left: int) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        await client.post(  # SAFE(exposure): page carries offer surrogate id, organ type and a deadline
            "https://events.pagerduty.com/v2/enqueue",
            json={
                "routing_key": "R0UT1NGKEYPLACEHOLDER",
                "event_action": "trigger",
                "payload": {"summary": f"Organ offer {offer_id} ({organ}) expires in {minutes_left} min", "severity": "critical", "source": "waitlist"},
            },
        )
