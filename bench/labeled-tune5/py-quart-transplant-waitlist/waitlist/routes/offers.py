"""Donor organ offers: record, decide, crossmatch callbacks."""
from __future__ import annotations

import logging

from quart import Blueprint, jsonify, request
from quart_auth import current_user, login_required

from ..audit import audited, record_access
from ..crypto import pseudonym
from ..db import offers
from ..logutil import log_event, warn_event
from ..services.analytics import track
from ..services.hla import HlaLabClient
from ..services.notify import page_on_call

bp = Blueprint("offers", __name__)
log = logging.getLogger(__name__)
hla = HlaLabClient()


@bp.post("/")
@login_required
@audited("offer.create")
async def create_offer():
    payload = await request.get_json()
    offer_id = await offers.create(payload)
    await page_on_call(offer_id, payload["organ"], payload.get("minutes_to_decide", 60))
    return jsonify({"id": offer_id}), 201


@bp.get("/<int:offer_id>")
@login_required
@audited("offer.read")
async def get_offer(offer_id: int):
    item = await offers.get(offer_id)
    return jsonify(item)


@bp.post("/<int:offer_id>/decision")
@login_required
@audited("offer.decide")
async def decide(offer_id: int):
    body = await request.get_json()
    item = await offers.get(offer_id)
    await offers.set_decision(offer_id, body["decision"], body.get("code", ""))
    track(pseudonym(item["mrn"]), "Offer Decided", {"organ": item["organ"], "decision": body["decision"]})  # SAFE(exposure): keyed pseudonym, organ and decision only
    return jsonify({"ok": True})


@bp.post("/<int:offer_id>/crossmatch")
@login_required
async def request_crossmatch(offer_id: int):  # SAFE(audit): no decorator, audits through a direct record_access call
    item = await offers.get(offer_id)
    request_id = await hla.request_virtual_crossmatch(item)
    await record_access(actor=current_user.auth_id, action="offer.crossmatch.request", target=str(offer_id), outcome="ok", source_ip=request.remote_addr)
    return jsonify({"request_id": request_id}), 202


@bp.post("/hooks/crossmatch-result")
async def crossmatch_result():  # LEAK(audit): lab webhook writes crossmatch results with no audit record
    result = await request.get_json()
    log_event("crossmatch.received", **result)  # LEAK(logging): crossmatch result (recipient MRN, antibodies) as log fields
    await offers.save_crossmatch(int(result["offer_id"]), result)
    if result.get("positive"):
        warn_event("crossmatch.positive", offer_id=result["offer_id"])  # SAFE(logging): surrogate offer id only
    return jsonify({"ok": True})
