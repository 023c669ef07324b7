"""Orders to the DME supplier (CPAP/APAP machines, masks) and eligibility with the payer."""
import logging
from typing import Any

import httpx

from app.config import settings

log = logging.getLogger("somnus.dme")

_dme = httpx.AsyncClient(base_url=settings.dme_base_url, timeout=20.0)
_payer = httpx.AsyncClient(base_url=settings.payer_base_url, timeout=20.0, verify=False)  # LEAK(transmission): certificate checks off for the payer eligibility API


def _order_body(patient: Any, rx: dict) -> dict:
    return {
        "patient": {
            "name": patient.full_name,
            "dob": patient.dob,
            "phone": patient.phone,
            "member_id": patient.payer_member_id,
        },
        "device": rx["device"],
        "pressure": {"min": rx.get("min_cm"), "max": rx.get("max_cm"), "fixed": rx.get("fixed_cm")},
        "diagnosis": rx["diagnosis_code"],
        "mask": rx.get("mask", "nasal pillows"),
    }


async def place_order(patient: Any, rx: dict) -> dict:
    if not rx.get("device"):
        raise ValueError(f"no device on prescription for {patient.full_name} ({patient.dob}): {rx}")  # LEAK(logging): exception text with name, DOB and prescription
    body = _order_body(patient, rx)
    resp = await _dme.post("/orders", json=body)
    if resp.status_code >= 400:
        log.warning("DME rejected order %s: %s", body, resp.text)  # LEAK(logging): full order body with patient identity and diagnosis
        resp.raise_for_status()
    data = resp.json()
    log.info("DME order accepted ref=%s status=%s", data.get("order_ref"), data.get("status"))  # SAFE(logging): vendor reference and status only
    return data


async def check_eligibility(member_id: str, dob: str, hcpcs: str) -> dict:
    resp = await _payer.get("/coverages", params={"memberId": member_id, "dateOfBirth": dob, "serviceType": hcpcs})  # LEAK(exposure): member id and DOB in the query string
    resp.raise_for_status()
    return resp.json()
