"""Candidate (waitlist registration) endpoints used by transplant coordinators."""
from __future__ import annotations

import csv
import logging
import os
from datetime import date

from quart import Blueprint, jsonify, request, send_file, session
from quart_auth import current_user, login_required

from ..audit import audited
from ..config import settings
from ..db import candidates, pool
from ..logutil import log_event
from ..services.analytics import track
from ..services.notify import send_status_letter
from ..services.summaries import committee_summary

bp = Blueprint("candidates", __name__)
log = logging.getLogger(__name__)

REQUIRED = ("mrn", "first_name", "last_name", "dob", "organ", "abo")
ABO_GROUPS = {"O", "A", "B", "AB"}


def _validate(data: dict) -> None:
    missing = [k for k in REQUIRED if not data.get(k)]
    if missing:
        raise ValueError(f"missing fields: {', '.join(missing)}")
    if data["abo"] not in ABO_GROUPS:
        raise ValueError(f"invalid ABO {data['abo']} for {data['last_name']}, {data['first_name']} MRN {data['mrn']}")  # LEAK(logging): exception text carries name and MRN


@bp.get("/")
@login_required
@audited("candidate.list")
async def list_candidates():
    organ = request.args.get("organ", "kidney")
    rows = await candidates.list_active(organ)
    log_event("waitlist.listed", organ=organ, count=len(rows))  # SAFE(logging): organ and a count only
    return jsonify(rows)


@bp.get("/search")
@login_required
@audited("candidate.search")
async def search():
    last_name = request.args.get("last_name", "")
    dob = request.args.get("dob")  # LEAK(exposure): name and DOB taken from the query string
    rows = await pool().fetch(
        "SELECT id, mrn, first_name, last_name, dob, organ, status FROM candidates "
        "WHERE lower(last_name) = lower($1) AND dob = $2",
        last_name, date.fromisoformat(dob),
    )
    return jsonify([dict(r) for r in rows])


@bp.get("/<int:candidate_id>")
@login_required
@audited("candidate.read")
async def get_candidate(candidate_id: int):
    rec = await candidates.get(candidate_id)
    if rec is None:
        return jsonify({"error": "not found"}), 404
    session["recent"] = {"id": candidate_id, "name": f"{rec['first_name']} {rec['last_name']}", "mrn": rec["mrn"]}  # LEAK(storage): name and MRN in Quart's signed (readable) cookie session
    return jsonify(rec)


@bp.post("/")
@login_required
@audited("candidate.create")
async def create_candidate():
    data = await request.get_json()
    _validate(data)
    candidate_id = await candidates.create(data)
    log_event("candidate.created", candidate_id=candidate_id, **data)  # LEAK(logging): full registration payload as log fields
    track(data["mrn"], "Candidate Listed", {"organ": data["organ"], "abo": data["abo"], "meld": data.get("meld")})  # LEAK(exposure): MRN as Amplitude user id with MELD
    return jsonify({"id": candidate_id}), 201


@bp.post("/<int:candidate_id>/status")
@login_required
@audited("candidate.status")
async def update_status(candidate_id: int):
    body = await request.get_json()
    await candidates.update_status(candidate_id, body["status"], body["reason_code"])
    log.info("candidate %s status -> %s (%s)", candidate_id, body["status"], body["reason_code"])  # SAFE(logging): surrogate id and status codes
    rec = await candidates.get(candidate_id)
    await send_status_letter(rec, body["status"])
    return jsonify({"ok": True})


@bp.get("/<int:candidate_id>/committee-summary")
@login_required
@audited("candidate.summary")
async def summary(candidate_id: int):
    rec = await candidates.get(candidate_id)
    text = await committee_summary(rec)
    return jsonify({"summary": text})


@bp.get("/export.csv")
@login_required
async def export_csv():  # LEAK(audit): bulk waitlist export escapes @audited
    organ = request.args.get("organ", "kidney")
    rows = await candidates.list_active(organ)
    path = os.path.join(settings.export_dir, f"waitlist-{organ}-{date.today():%Y%m%d}.csv")
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()) if rows else ["mrn"])
        writer.writeheader()
        writer.writerows(rows)  # LEAK(storage): plaintext CSV of candidates incl. SSN on disk
    log.info("export by %s: %d rows", current_user.auth_id, len(rows))
    return await send_file(path, as_attachment=True)
