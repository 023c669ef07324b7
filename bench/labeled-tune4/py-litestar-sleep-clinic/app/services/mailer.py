import smtplib
from email.message import EmailMessage

from app.config import settings


def send_referral_letter(to_addr: str, item: dict) -> None:
    msg = EmailMessage()
    msg["From"] = "reports@somnus-sleep.org"
    msg["To"] = to_addr
    msg["Subject"] = "Sleep study results"
    msg.set_content(
        f"Dear colleague,\n\nYour patient {item['name']} (DOB {item['dob']}) completed a {item['kind']} study.\n"
        f"AHI {item['ahi']}, nadir SpO2 {item['nadir_spo2']}%.\n\nInterpretation:\n{item['interpretation']}\n"
    )
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port)
    smtp.send_message(msg)  # LEAK(transmission): results letter over SMTP without STARTTLS
    smtp.quit()


def send_staff_digest(to_addr: str, counts: dict) -> None:
    msg = EmailMessage()
    msg["From"] = "noreply@somnus-sleep.org"
    msg["To"] = to_addr
    msg["Subject"] = "Tonight's lab schedule"
    msg.set_content("\n".join(f"{room}: {n} studies" for room, n in counts.items()))
    with smtplib.SMTP(settings.smtp_host, 587) as smtp:
        smtp.starttls()
        smtp.send_message(msg)  # SAFE(transmission): STARTTLS, and only per-room counts
