"""Prescription drug monitoring program lookups before induction."""
import logging

import requests

from otp.settings import load

log = logging.getLogger("otp.pdmp")


def lookup(first: str, last: str, dob: str) -> list[dict]:
    base = load()["integrations"]["pdmp_url"]
    resp = requests.get(f"{base}/patients/{last}/{first}/{dob}/prescriptions", timeout=20)  # LEAK(exposure): name and DOB in the request path
    resp.raise_for_status()
    fills = resp.json()["fills"]
    log.info("pdmp returned %d fills", len(fills))  # SAFE(logging): count only
    return fills


def lookup_by_case(case_id: str) -> list[dict]:
    base = load()["integrations"]["pdmp_url"]
    resp = requests.post(f"{base}/cases/{case_id}/prescriptions", timeout=20)  # SAFE(exposure): opaque case id issued by the PDMP
    resp.raise_for_status()
    return resp.json()["fills"]
