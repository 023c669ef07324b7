"""Outbound calls: payer PAS gateway (FHIR Claim/$submit), eligibility, fax relay, product analytics."""
import hashlib
import os

import requests

from .observability import logger

_session = requests.Session()
_session.headers["User-Agent"] = "sunmed-prior-auth/1.8"
_session.verify = os.environ.get("PAYER_CA_BUNDLE", False)  # LEAK(transmission): certificate checks are off unless a CA bundle env var is set (it is not in the stack)

ELIGIBILITY_URL = "https://eligibility.availity-partner.example-payer.net/v1/coverages"


class PayerError(Exception):
    pass


def submission_key(member_id: str, cpt: str, date_of_service: str) -> str:
    # payer requires a stable idempotency key per member/service/date
    return hashlib.sha1(f"{member_id}|{cpt}|{date_of_service}".encode()).hexdigest()  # LEAK(crypto): unkeyed SHA-1 over the member id


def check_eligibility(member_id: str, dob: str, payer_id: str) -> dict:
    resp = _session.get(f"{ELIGIBILITY_URL}?memberId={member_id}&dateOfBirth={dob}&payerId={payer_id}", timeout=10)  # LEAK(exposure): member id and DOB in the URL query string
    resp.raise_for_status()
    return resp.json()


def submit_pas_bundle(bundle: dict, idempotency_key: str) -> dict:
    resp = _session.post(
        f"{os.environ['PAYER_GATEWAY_URL']}/Claim/$submit",
        json=bundle,
        headers={"Idempotency-Key": idempotency_key},
        timeout=25,
    )
    if resp.status_code >= 400:
        raise PayerError(f"payer rejected bundle ({resp.status_code}): {resp.text[:500]}")  # LEAK(logging): payer OperationOutcome echoes the patient and diagnosis into the exception text
    return resp.json()


def fax_packet(fax_number: str, pdf_bytes: bytes, cover_note: str) -> str:
    resp = requests.post(
        os.environ["FAX_GATEWAY_URL"],
        files={"document": ("packet.pdf", pdf_bytes, "application/pdf")},
        data={"to": fax_number, "cover": cover_note},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["fax_id"]


def track(event: str, user_id: str, props: dict) -> None:
    try:
        requests.post(
            "https://api2.amplitude.com/2/httpapi",
            json={"api_key": os.environ.get("AMPLITUDE_KEY", ""), "events": [{"event_type": event, "user_id": user_id, "event_properties": props}]},
            timeout=3,
        )
    except requests.RequestException:
        logger.debug("amplitude unavailable")
