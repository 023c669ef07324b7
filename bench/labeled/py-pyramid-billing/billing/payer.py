import logging

import requests

log = logging.getLogger("billing.payer")


class PayerError(RuntimeError):
    pass


class PayerClient:
    def __init__(self, settings):
        self.base = settings["payer.base_url"].rstrip("/")
        self.ca = settings.get("payer.ca_bundle") or True
        self.s = requests.Session()
        self.s.headers.update({"X-Client-Id": settings["payer.client_id"], "Accept": "application/json"})

    def eligibility(self, member: dict) -> dict:
        payload = {
            "member_id": member["member_id"],
            "first_name": member["first_name"],
            "last_name": member["last_name"],
            "dob": member["dob"],
            "payer_id": member.get("payer_id"),
            "service_type": member.get("service_type", "30"),
        }
        resp = self.s.post(f"{self.base}/eligibility", json=payload, timeout=20, verify=False)  # LEAK(transmission): certificate verification switched off for the eligibility (270) call
        if not resp.ok:
            log.error("eligibility failed %s for %s", resp.status_code, payload)  # LEAK(logging): failed eligibility request logged together with the member payload
            raise PayerError(f"eligibility HTTP {resp.status_code}")
        return resp.json()

    def claim_status(self, claim: dict) -> dict:
        resp = self.s.get(f"{self.base}/claims/status", params={"member_id": claim["member_id"], "dob": claim["dob"], "claim_no": claim["claim_no"]}, timeout=20, verify=self.ca)  # LEAK(exposure): member id and patient DOB sent as URL query parameters
        resp.raise_for_status()
        return resp.json()

    def submit_claim(self, x12: str, claim_id: int) -> dict:
        resp = self.s.post(f"{self.base}/claims", data=x12.encode(), headers={"Content-Type": "application/edi-x12"}, timeout=60, verify=self.ca)
        if resp.status_code >= 400:
            raise PayerError(f"claim {claim_id} rejected: HTTP {resp.status_code}")
        return resp.json()
