import asyncio
import logging
import random
import string
from uuid import uuid4

import sentry_sdk
from sanic import Blueprint
from sanic.exceptions import NotFound
from sanic.response import json

from .audit import audited, record_access
from .ingest import parse_upload
from .notify import send_critical_digest, send_report
from .store import bump_stats, cache_patient_results, cache_upload, cached_upload, remember_recipient
from .summarize import summarize_patient

log = logging.getLogger("labs.routes")

results_bp = Blueprint("results", url_prefix="/api/results")
uploads_bp = Blueprint("uploads", url_prefix="/api/uploads")
public_bp = Blueprint("public", url_prefix="/p")


async def load_patient(db, patient_id: int) -> dict:
    row = await db.fetchrow("SELECT id, mrn, name, dob, email FROM patients WHERE id = $1", patient_id)
    if row is None:
        raise NotFound(f"patient {patient_id} not found")
    return dict(row)


async def load_results(db, patient_id: int) -> list[dict]:
    rows = await db.fetch(
        "SELECT test_code, value, units, ref_range, flag, collected_at FROM lab_results WHERE patient_id = $1 ORDER BY collected_at DESC",
        patient_id,
    )
    return [dict(r) for r in rows]


@results_bp.on_request
async def audit_results(request):
    await record_access(request, f"results.{request.method.lower()}", request.match_info.get("patient_id"))


@results_bp.get("/patient/<patient_id:int>")
async def patient_results(request, patient_id: int):  # SAFE(audit): the results blueprint middleware audits this read
    items = await load_results(request.app.ctx.db, patient_id)
    await cache_patient_results(request.app.ctx.redis, patient_id, items)
    return json({"patient_id": patient_id, "results": items}, default=str)


@results_bp.get("/search")
async def search(request):
    mrn = request.args.get("mrn")  # LEAK(exposure): MRN (and DOB below) read from the query string of a GET request
    dob = request.args.get("dob")
    row = await request.app.ctx.db.fetchrow("SELECT id FROM patients WHERE mrn = $1 AND dob = $2", mrn, dob)
    return json({"patient_id": row["id"] if row else None})


@results_bp.post("/patient/<patient_id:int>/summary")
async def summary(request, patient_id: int):
    patient = await load_patient(request.app.ctx.db, patient_id)
    items = await load_results(request.app.ctx.db, patient_id)
    text = await summarize_patient(patient, items)
    sentry_sdk.set_tag("patient_id", patient_id)  # SAFE(logging): Sentry tag carries only the surrogate patient id
    return json({"summary": text})


@results_bp.post("/patient/<patient_id:int>/email")
async def email_report(request, patient_id: int):
    patient = await load_patient(request.app.ctx.db, patient_id)
    items = await load_results(request.app.ctx.db, patient_id)
    await remember_recipient(request.app.ctx.redis, patient_id, patient["email"])
    await asyncio.to_thread(send_report, patient["email"], patient["name"], items)
    log.info("report emailed patient=%s results=%d", patient_id, len(items))  # SAFE(logging): ids and counts only
    return json({"sent": True})


@results_bp.post("/patient/<patient_id:int>/share")
async def create_share(request, patient_id: int):
    token = "".join(random.choices(string.ascii_letters + string.digits, k=10))  # LEAK(crypto): share-link token that grants access to a patient's results comes from the non-cryptographic random module
    await request.app.ctx.db.execute(
        "INSERT INTO share_links (token, patient_id, created_by, expires_at) VALUES ($1, $2, $3, now() + interval '7 days')",
        token,
        patient_id,
        request.ctx.user_id,
    )
    return json({"url": f"/p/share/{token}"})


@uploads_bp.post("/")
@audited("uploads.create")
async def upload(request):
    f = request.files.get("file")
    items, errors = parse_upload(f.body)
    upload_id = uuid4().hex
    await cache_upload(request.app.ctx.redis, upload_id, items)
    flagged = [r for r in items if r["flag"]]
    for rec in flagged:
        print(f"[labs] abnormal {rec['test_code']}={rec['value']} for {rec['patient_name']} ({rec['mrn']})")  # LEAK(logging): leftover debug print with patient name, MRN and abnormal value
        if rec["flag"] == "critical":
            sentry_sdk.capture_message(f"critical {rec['test_code']} {rec['value']} for {rec['patient_name']}", level="warning")  # LEAK(logging): Sentry message text carries the patient's name and critical value
    critical = [r for r in flagged if r["flag"] == "critical"]
    if critical:
        await asyncio.to_thread(send_critical_digest, request.app.config.ON_CALL_EMAIL, critical)
    await bump_stats(request.app.ctx.redis, upload_id, len(items), len(flagged))
    return json({"upload_id": upload_id, "rows": len(items), "flagged": len(flagged), "errors": errors})


@uploads_bp.get("/<upload_id>")
@audited("uploads.read")
async def get_upload(request, upload_id: str):
    items = await cached_upload(request.app.ctx.redis, upload_id)
    if items is None:
        raise NotFound("upload expired")
    return json({"upload_id": upload_id, "results": items})


@uploads_bp.delete("/<upload_id>")
async def discard_upload(request, upload_id: str):  # LEAK(audit): deleting an upload's stored lab results skips the @audited decorator its siblings use
    await request.app.ctx.db.execute("DELETE FROM lab_results WHERE upload_id = $1", upload_id)
    await request.app.ctx.redis.delete(f"labs:upload:{upload_id}")
    return json({"deleted": upload_id})


@public_bp.get("/share/<token>")
async def shared_results(request, token: str):  # LEAK(audit): caregiver share link discloses a patient's results with no audit record
    row = await request.app.ctx.db.fetchrow(
        "SELECT p.id, p.name, p.email FROM share_links s JOIN patients p ON p.id = s.patient_id WHERE s.token = $1 AND s.expires_at > now()",
        token,
    )
    if row is None:
        raise NotFound("link expired")
    sentry_sdk.set_user({"id": row["id"], "email": row["email"]})  # LEAK(logging): Sentry user context set to the patient's email for every later event
    items = await load_results(request.app.ctx.db, row["id"])
    return json({"name": row["name"], "results": items}, default=str)
