"""Minimal NCPDP D.0 claim submission to the switch vendor (JSON bridge)."""
from __future__ import annotations

import requests

from ..settings import settings

BIN = "610099"  # SAFE(hardcoded): plan BIN/PCN identify the processor, not a person
PCN = "PBMRX01"


def submit_reversal(claim: dict, cardholder_id: str) -> dict:
    url = settings()["claims_switch"]["url"]
    payload = {
        "header": {"bin": BIN, "pcn": PCN, "transaction_code": "B2"},
        "insurance": {"cardholder_id": cardholder_id},
        "claim": {"rx_number": claim["rx_number"], "ndc": claim["ndc"], "fill_date": claim["filled_at"]},
    }
    resp = requests.post(url, json=payload, timeout=15)
    resp.raise_for_status()
    return resp.json()
