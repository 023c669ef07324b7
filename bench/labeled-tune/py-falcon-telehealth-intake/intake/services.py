import json
import logging
import os
import smtplib
from email.message import EmailMessage
from pathlib import Path

import requests
from openai import OpenAI

from intake.config import settings

log = logging.getLogger("intake.services")


class NoteSummarizer:
    def __init__(self):
        self.client = OpenAI()
        self.model = settings["openai"]["model"]

    def summarize(self, text, context=None):
        prompt = "Summarise this telehealth visit note for the follow-up nurse. Keep medications and dosages.\n\n" + text
        if context:
            prompt += f"\n\nPatient: {context['first_name']} {context['last_name']}, DOB {context['dob']}"
        resp = self.client.chat.completions.create(  # LEAK(exposure): visit note and identifiers sent to OpenAI
            model=self.model,
            messages=[{"role": "user", "content": prompt}],
            temperature=0.2,
        )
        return resp.choices[0].message.content

    def triage_hint(self, symptom_count, age_band):
        resp = self.client.chat.completions.create(  # SAFE(exposure): only a count and a coarse age band
            model=self.model,
            messages=[{"role": "user", "content": f"Queue priority for an intake with {symptom_count} symptoms, age band {age_band}? Answer low/medium/high."}],
        )
        return resp.choices[0].message.content.strip().lower()


class PharmacyGateway:
    def __init__(self):
        cfg = settings["pharmacy_gateway"]
        self.base_url = cfg["base_url"]
        self.verify = cfg.get("verify_tls", True)
        self.timeout = cfg.get("timeout_seconds", 10)
        self.session = requests.Session()

    def send_prescription(self, payload):
        resp = self.session.post(f"{self.base_url}/prescriptions", json=payload, timeout=self.timeout, verify=self.verify)
        resp.raise_for_status()
        return resp.json()


class Mailer:
    def __init__(self):
        self.host = os.environ.get("SMTP_HOST", "smtp.mailrelay-partner.net")
        self.sender = "no-reply@telehealth-example.com"

    def send(self, to, subject, body):
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        with smtplib.SMTP(self.host, 25, timeout=10) as smtp:  # LEAK(transmission): SMTP without STARTTLS carrying patient links
            smtp.send_message(msg)


def write_jsonl(rows, name):
    out_dir = Path(settings["exports"]["directory"])
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.jsonl"
    with path.open("w") as fh:
        for row in rows:
            fh.write(json.dumps(row, default=str) + "\n")
    return path
