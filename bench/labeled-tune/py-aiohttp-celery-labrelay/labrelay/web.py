import asyncio
import base64
import io
import json
import os
import tempfile

import structlog
from aiohttp import ClientSession, web
from aiohttp_session import get_session, new_session
from aiohttp_session import setup as setup_session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from labrelay import store
from labrelay.audit import audited
from labrelay.notify import track_batch
from labrelay.settings import CONFIG, configure
from labrelay.tasks import process_result

log = structlog.get_logger("labrelay.web")
routes = web.RouteTableDef()


def _json(data, status=200):
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, default=str))


def render_pdf(row):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 720, "Laboratory Result")
    c.setFont("Helvetica", 11)
    c.drawString(72, 696, f"{row['patient_name']}   MRN {row['mrn']}   DOB {row['dob']}")
    c.drawString(72, 680, f"{row['test_name']} collected {row['collected_at']:%Y-%m-%d %H:%M}")
    y = 650
    for obs in row["observations"]:
        c.drawString(90, y, f"{obs['name']}: {obs['value']} {obs['units']} {obs.get('flag') or ''}")
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


@web.middleware
async def session_user(request, handler):
    if request.path.startswith("/webhooks/") or request.path == "/login":
        return await handler(request)
    session = await get_session(request)
    if "clinician_id" not in session:
        raise web.HTTPUnauthorized()
    request["user"] = session["clinician_id"]
    return await handler(request)


@routes.post("/webhooks/quanta/results")
@audited("result.receive")
async def receive_results(request):
    raw = await request.text()
    log.info("inbound ORU", body=raw)  # LEAK(logging): raw HL7 including PID segment
    process_result.delay(raw)  # LEAK(storage): raw HL7 with identifiers serialised into the broker
    async with ClientSession() as http:
        await http.post(CONFIG["reference_lab"]["ack_url"], json={"status": "AA"}, ssl=False)  # LEAK(transmission): certificate verification disabled
    track_batch(1, "quanta")
    return _json({"accepted": True}, status=202)


@routes.get("/results/{result_id}")
@audited("result.view")
async def get_result(request):
    row = await asyncio.to_thread(store.get_result, request.match_info["result_id"])
    if row is None:
        raise web.HTTPNotFound()
    return _json(row)


@routes.get("/patients/{mrn}/results")  # LEAK(exposure): MRN in the URL path
@audited("result.list")
async def results_for_patient(request):
    mrn = request.match_info["mrn"]
    dob = request.query.get("dob")  # LEAK(exposure): DOB passed as a query parameter
    rows = await asyncio.to_thread(store.results_for_mrn, mrn)
    if not rows:
        raise web.HTTPNotFound(text=f"no results on file for MRN {mrn} (dob {dob})")  # LEAK(exposure): identifiers echoed in error response
    return _json(rows)


@routes.get("/results/{result_id}/pdf")
@audited("result.print")
async def result_pdf(request):
    row = await asyncio.to_thread(store.get_result, request.match_info["result_id"])
    if row is None:
        raise web.HTTPNotFound()
    tmp = tempfile.NamedTemporaryFile(prefix="result-", suffix=".pdf", delete=False)
    tmp.write(render_pdf(row))  # LEAK(storage): rendered result PDF left on disk unencrypted
    tmp.close()
    return web.FileResponse(tmp.name)


@routes.post("/results/{result_id}/release")
async def release_result(request):  # LEAK(audit): releases a result to the patient without @audited
    row = await asyncio.to_thread(store.mark_released, request.match_info["result_id"], request["user"])
    if row is None:
        raise web.HTTPNotFound()
    return _json({"released": True, "result_id": row["id"]})


@routes.post("/login")
async def login(request):  # SAFE(audit): clinician login, no patient data
    form = await request.post()
    clinician = await asyncio.to_thread(store.verify_clinician, form.get("email", ""), form.get("password", ""))
    if clinician is None:
        log.info("failed clinician login", email=form.get("email"))  # SAFE(logging): staff email, not patient data
        raise web.HTTPUnauthorized()
    session = await new_session(request)
    session["clinician_id"] = clinician["id"]
    return _json({"ok": True, "name": clinician["display_name"]})


def make_app():
    configure()
    app = web.Application(middlewares=[session_user])
    cfg = CONFIG["session"]
    setup_session(
        app,
        EncryptedCookieStorage(
            base64.urlsafe_b64decode(os.environ["SESSION_KEY"]),
            cookie_name=cfg["cookie_name"],
            max_age=cfg["max_age"],
            secure=cfg["secure"],
            httponly=True,
        ),
    )
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=CONFIG["service"]["listen_port"])
