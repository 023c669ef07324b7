import datetime as dt
import uuid

from arq import create_pool
from arq.connections import RedisSettings
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import settings
from ..audit import audited, record_audit
from ..db import SessionLocal
from ..models import PathologyReport, Patient, Regimen
from ..observability import log_event
from ..services import packets
from ..services.pathology_client import PathologyClient

client = PathologyClient()


async def _queue():
    return await create_pool(RedisSettings.from_dsn(settings.REDIS_URL))


@audited("regimen.create")
async def create_regimen(request: Request):
    patient_id = request.path_params["patient_id"]
    dto = await request.json()
    async with SessionLocal() as session:
        patient = await session.get(Patient, patient_id)
        regimen = Regimen(
            patient_id=patient.id,
            protocol=dto["protocol"],
            cycle_count=dto["cycles"],
            start_date=dt.date.fromisoformat(dto["start_date"]),
            body_surface_area=dto["bsa"],
        )
        session.add(regimen)
        await session.commit()
    log_event("regimen.created", regimen_id=str(regimen.id), cycles=regimen.cycle_count)
    order_id = await client.send_regimen_to_pharmacy(
        {"mrn": patient.mrn, "name": patient.full_name, "protocol": regimen.protocol, "bsa": regimen.body_surface_area}
    )
    redis = await _queue()
    await redis.enqueue_job("send_reminder", str(regimen.id))  # SAFE(storage): job carries only the regimen id
    return JSONResponse({"id": str(regimen.id), "pharmacy_order": order_id}, status_code=201)


@audited("regimen.update")
async def adjust_dose(request: Request):
    regimen_id = request.path_params["regimen_id"]
    item = await request.json()
    async with SessionLocal() as session:
        regimen = await session.get(Regimen, regimen_id)
        regimen.dose_adjustments = {**regimen.dose_adjustments, item["drug"]: item["percent"]}
        await session.commit()
    log_event("regimen.dose_adjusted", regimen_id=regimen_id, adjustment=item)  # LEAK(logging): drug, dose change and clinical reason logged
    return JSONResponse({"ok": True})


@audited("regimen.reschedule")
async def reschedule(request: Request):
    regimen_id = request.path_params["regimen_id"]
    payload = await request.json()
    async with SessionLocal() as session:
        regimen = await session.get(Regimen, regimen_id)
        patient = await session.get(Patient, regimen.patient_id)
        regimen.start_date = dt.date.fromisoformat(payload["start_date"])
        await session.commit()
    redis = await _queue()
    await redis.enqueue_job(  # LEAK(storage): email, name and protocol serialised into the Redis job queue
        "send_adhoc_reminder", patient.email, patient.full_name, payload["start_date"], regimen.protocol
    )
    return JSONResponse({"ok": True})


async def export_board_packet(request: Request):  # LEAK(audit): exports the whole case without @audited
    patient_id = request.path_params["patient_id"]
    async with SessionLocal() as session:
        patient = await session.get(Patient, patient_id)
        regimens = (await session.execute(select(Regimen).where(Regimen.patient_id == patient.id))).scalars().all()
        reports = (
            (await session.execute(select(PathologyReport).where(PathologyReport.patient_id == patient.id)))
            .scalars()
            .all()
        )
    packet = packets.build_packet(patient, regimens, reports)
    case_id = uuid.uuid4().hex
    packets.spool(packet, case_id)
    key = packets.publish(packet, case_id)
    summary = await packets.draft_summary(packet)
    return JSONResponse({"key": key, "summary": summary})


async def board_agenda(request: Request):  # SAFE(audit): audits inline through record_audit instead of the decorator
    async with SessionLocal() as session:
        rows = (await session.execute(select(Patient.id, Patient.full_name, Patient.primary_diagnosis))).all()
    await record_audit(request.user.identity, "board.agenda", None)
    agenda = [{"id": str(r.id), "name": r.full_name, "dx": r.primary_diagnosis} for r in rows]
    return JSONResponse(agenda)
