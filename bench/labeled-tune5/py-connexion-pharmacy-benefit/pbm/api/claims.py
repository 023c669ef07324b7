"""Claims history, refill requests and switch callbacks."""
from __future__ import annotations

import io
import logging

import pandas as pd
from connexion import context
from pony.orm import db_session, select

from ..models import Claim, Member
from ..tasks import queue_refill, send_refill_confirmation

log = logging.getLogger(__name__)


def _claim_row(c: Claim) -> dict:
    return {
        "id": c.id, "rx_number": c.rx_number, "ndc": c.ndc, "drug_name": c.drug_name,
        "days_supply": c.days_supply, "quantity": c.quantity, "status": c.status,
        "copay": c.member_copay_cents / 100, "filled_at": c.filled_at.isoformat(),
    }


@db_session
def list_claims(member_id: int):
    rows = [_claim_row(c) for c in select(c for c in Claim if c.member.id == member_id).order_by(Claim.filled_at)]
    return {"claims": rows, "count": len(rows)}


@db_session
def export_claims(member_id: int):  # LEAK(audit): claims export has no x-audit, so no audit row is written
    member = Member[member_id]
    df = pd.DataFrame([_claim_row(c) for c in member.claims])
    df.insert(0, "member", f"{member.last_name}, {member.first_name}")
    df.to_csv(f"/var/cache/pbm/exports/claims-{member.member_number}.csv", index=False)  # LEAK(storage): member claims history cached as plaintext CSV
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue(), 200, {"Content-Type": "text/csv"}


@db_session
def request_refill(body: dict):
    member = Member[body["member_id"]]
    claim = Claim.get(member=member, rx_number=body["rx_number"])
    queue_refill(claim.id, context.context["token_info"]["sub"])  # SAFE(storage): only surrogate ids enqueued

    # Confirmation mail goes out from the worker so a Mailgun outage never blocks the request.
    ship_to = body.get("ship_to") or "your address on file"
    send_refill_confirmation({"email": member.email, "first_name": member.first_name, "drug_name": claim.drug_name, "rx_number": claim.rx_number, "ship_to": ship_to})  # LEAK(storage): member email, drug and address stored as Huey task args in redis
    return {"status": "queued"}, 202


@db_session
def switch_callback(body: dict):  # LEAK(audit): switch callback updates member claims without an x-audit entry
    claim = Claim.get(rx_number=body["rx_number"], pharmacy_npi=body["pharmacy_npi"])
    if claim is None:
        log.warning("unmatched switch response: %s", body)  # LEAK(logging): NCPDP response (cardholder, drug) logged
        return {"ack": False}, 404
    claim.status = body["transaction_status"]
    claim.reject_codes = ",".join(body.get("reject_codes", []))
    return {"ack": True}
