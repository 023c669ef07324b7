import smtplib
from email.message import EmailMessage

from . import settings


def _lines(items: list[dict]) -> str:
    return "\n".join(
        f"{r['test_code']}: {r['value']} {r['units']} (ref {r['ref_range'] or 'n/a'}) {r['flag'] or ''}".rstrip()
        for r in items
    )


def send_report(to_addr: str, patient_name: str, items: list[dict]) -> None:
    msg = EmailMessage()
    msg["From"] = settings.REPORT_FROM
    msg["To"] = to_addr
    msg["Subject"] = "Your lab results are ready"
    msg.set_content(f"Hello {patient_name},\n\nYour latest results:\n\n{_lines(items)}\n")
    with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=20) as smtp:  # LEAK(transmission): patient results emailed through smtplib.SMTP on port 25 with no starttls()
        smtp.send_message(msg)


def send_critical_digest(to_addr: str, rows: list[dict]) -> None:
    body = "\n".join(f"{r['patient_name']} ({r['mrn']}): {r['test_code']} {r['value']} {r['units']}" for r in rows)
    msg = EmailMessage()
    msg["From"] = settings.REPORT_FROM
    msg["To"] = to_addr
    msg["Subject"] = f"{len(rows)} critical lab values"
    msg.set_content(body)
    with smtplib.SMTP_SSL(settings.SMTP_SSL_HOST, 465, timeout=20) as smtp:  # SAFE(transmission): clinician digest sent over implicit TLS (SMTP_SSL)
        smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
        smtp.send_message(msg)
