import logging
import os
import re
import time
import traceback
import uuid

import segment.analytics as analytics
from flask import Blueprint, current_app, g, jsonify, request

from .audit import audit_event
from .auth import require_auth
from .messaging import publish
from .repository import ClaimRepository

log = logging.getLogger("claims.routes")
analytics.write_key = os.environ.get("SEGMENT_WRITE_KEY", "")
claims_bp = Blueprint("claims", __name__)
ICD10 = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


def _repo() -> ClaimRepository:
    return ClaimRepository(current_app.config["CB"]["claims_table"])


@claims_bp.get("/claims/<claim_id>")
@require_auth
@audit_event("claim.read")
def get_claim(claim_id):  # SAFE(audit): audited read
    item = _repo().get(claim_id)
    if item is None:
        return jsonify(error="not found"), 404
    item["member_ssn"] = "***-**-" + item["member_ssn"][-4:]  # SAFE(exposure): SSN masked before it leaves the API
    return jsonify(item)


@claims_bp.post("/claims")
@require_auth
@audit_event("claim.submit")
def submit_claim():
    data = request.get_json(force=True)
    bad = [c for c in data.get("diagnosis_codes", []) if not ICD10.match(c)]
    if bad:
        return jsonify(error=f"invalid diagnosis codes {bad} for member {data.get('member_id')} ({data.get('patient_name')})"), 400  # LEAK(exposure): member id, name and codes in the error body
    data.update(claim_id=str(uuid.uuid4()), status="received", updated_at=int(time.time()))
    _repo().save(data)
    publish("adjudicate", data)  # LEAK(storage): whole claim (SSN, diagnoses) copied into the queue message
    analytics.track(user_id=data["member_id"], event="Claim Submitted", properties={"cpt": data.get("cpt"), "dx": data.get("diagnosis_codes"), "billed": data.get("billed_amount")})  # LEAK(exposure): member id and diagnoses sent to Segment
    log.info("claim received claim_id=%s lines=%d", data["claim_id"], len(data.get("lines", [])))  # SAFE(logging): surrogate id and a count
    return jsonify(claim_id=data["claim_id"]), 201


@claims_bp.post("/claims/<claim_id>/status")
@require_auth
@audit_event("claim.status")
def set_status(claim_id):
    status = request.get_json(force=True)["status"]
    publish("status", {"claim_id": claim_id, "status": status})  # SAFE(storage): only id and status in the message
    analytics.track(user_id=g.user.get("sub"), event="Claim Status Changed", properties={"status": status})  # SAFE(exposure): staff user id and a status value
    return jsonify(ok=True)


@claims_bp.get("/members/<ssn>/claims")  # LEAK(exposure): SSN in the URL path
@require_auth
@audit_event("member.claims")
def member_claims(ssn):
    items = _repo().by_member_ssn(ssn)
    return jsonify(items=items, count=len(items))


@claims_bp.post("/claims/<claim_id>/appeal")
@require_auth
def file_appeal(claim_id):  # LEAK(audit): appeals change a claim but skip the audit decorator
    body = request.get_json(force=True)
    log.info("appeal received for %s: %s", claim_id, body)  # LEAK(logging): appeal letter with clinical justification in the log
    claim = _repo().get(claim_id)
    claim.update(status="appealed", appeal_reason=body.get("reason"), updated_at=int(time.time()))
    _repo().save(claim)
    return jsonify(ok=True), 202


@claims_bp.get("/claims/<claim_id>/eob")
@require_auth
def explanation_of_benefits(claim_id):  # LEAK(audit): EOB read without an audit record
    c = _repo().get(claim_id) or {}
    return jsonify({k: c[k] for k in ("claim_id", "member_id", "service_date", "cpt", "billed_amount", "allowed_amount", "status") if k in c})


@claims_bp.errorhandler(Exception)
def on_error(exc):
    log.error("unhandled %s", type(exc).__name__)
    return jsonify(error=str(exc), trace=traceback.format_exc()), 500  # LEAK(exposure): stack trace and exception text in the response
