import logging
import time

import httpx
import jwt
from mixpanel import Mixpanel

from .config import settings
from .repo import anon_id, mask_phone, patient_card

log = logging.getLogger("telehealth.integrations")

_erx = httpx.AsyncClient(base_url=settings.erx_gateway, verify=False, timeout=15)  # LEAK(transmission): certificate verification disabled on the e-prescribing client
_http = httpx.AsyncClient(timeout=10)
_mp = Mixpanel(settings.mixpanel_token)


def room_token(room_id: str, clinician_id: int) -> str:
    now = int(time.time())
    claims = {"room": room_id, "sub": str(clinician_id), "iat": now}
    claims["exp"] = now + int(settings.room_token_ttl.total_seconds())  # SAFE(session): video room join token expires after 10 minutes
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


async def create_room(visit, patient) -> str:
    card = patient_card(patient)
    resp = await _http.post(f"{settings.video_api}/rooms", params={"display_name": card["name"], "dob": card["dob"]})  # LEAK(exposure): patient name and DOB sent in the query string of the video vendor call
    resp.raise_for_status()
    data = resp.json()
    log.info("room %s ready for visit %s", data["room_id"], visit.id)  # SAFE(logging): room id and visit id only
    return data["room_id"]


async def send_rx(rx, patient, clinician) -> dict:
    payload = {
        **patient_card(patient),
        "drug": rx.drug_name,
        "dosage": rx.dosage,
        "sig": rx.sig,
        "prescriber": clinician.full_name,
        "prescriber_npi": clinician.npi,
    }
    log.debug("erx submit %s", payload)  # LEAK(logging): outgoing e-prescription payload (patient card, drug, directions) written to the debug log
    resp = await _erx.post("/prescriptions", json=payload)
    if resp.status_code >= 400:
        raise RuntimeError(f"erx rejected rx {rx.id}: HTTP {resp.status_code}")
    return resp.json()


async def text_reminder(patient, visit) -> None:
    body = {
        "to": patient.phone,
        "text": f"Your video visit starts at {visit.scheduled_for:%H:%M}. Open the app to join.",
    }
    await _http.post(settings.sms_api, json=body)
    log.info("reminder queued to %s for visit %s", mask_phone(patient.phone), visit.id)  # SAFE(logging): phone masked to last four digits before logging


def track(event: str, patient, props: dict | None = None) -> None:
    data = {"app": "telehealth", **(props or {})}
    _mp.track(anon_id(patient), event, data)  # LEAK(exposure): visit reason (clinical data) sent to Mixpanel keyed by a hash of the patient's email


async def push_metrics(counts: dict) -> None:
    await _http.post(f"{settings.sidecar_url}/metrics", json=counts)
