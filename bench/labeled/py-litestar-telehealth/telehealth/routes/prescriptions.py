import hashlib
import hmac
import logging
from datetime import date
from typing import Any

from litestar import Controller, Request, Router, get, post
from litestar.exceptions import NotAuthorizedException
from msgspec import Struct
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..audit import audit_guard
from ..config import settings
from ..integrations import send_rx
from ..models import Patient, Prescription, Visit
from ..repo import load_clinician, load_patient, patient_card

log = logging.getLogger("telehealth.rx")


class RxIn(Struct):
    visit_id: int
    drug_name: str
    dosage: str
    sig: str


class PrescriptionController(Controller):
    path = "/api/prescriptions"
    guards = [audit_guard]
    opt = {"resource": "prescription"}

    @post("/")
    async def create_rx(self, data: RxIn, db: AsyncSession, request: Request) -> dict:
        visit = await db.get(Visit, data.visit_id)
        patient = await load_patient(db, visit.patient_id)
        rx = Prescription(
            visit_id=visit.id,
            patient_id=patient.id,
            drug_name=data.drug_name,
            dosage=data.dosage,
            sig=data.sig,
        )
        db.add(rx)
        await db.flush()
        clinician = await load_clinician(db, request.user.id)
        result = await send_rx(rx, patient, clinician)
        rx.status = result.get("status", "sent")
        log.info("rx %s sent for visit %s", rx.id, visit.id)
        return {"id": rx.id, "status": rx.status}

    @get("/{rx_id:int}")
    async def get_rx(self, rx_id: int, db: AsyncSession) -> dict:
        rx = await db.get(Prescription, rx_id)
        return {"id": rx.id, "drug": rx.drug_name, "dosage": rx.dosage, "sig": rx.sig, "status": rx.status}

    @get("/export", opt={"skip_audit": True})
    async def export_rx(self, db: AsyncSession, since: date) -> list[dict]:  # LEAK(audit): bulk export of prescriptions with patient cards opts out of the audit guard its siblings use
        rows = (
            await db.execute(
                select(Prescription, Patient)
                .join(Patient, Patient.id == Prescription.patient_id)
                .join(Visit, Visit.id == Prescription.visit_id)
                .where(Visit.scheduled_for >= since)
            )
        ).all()
        return [{"patient": patient_card(p), "drug": rx.drug_name, "dosage": rx.dosage, "sig": rx.sig} for rx, p in rows]


def _check_sig(request: Request, raw: bytes) -> None:
    want = hmac.new(settings.jwt_secret.encode(), raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, request.headers.get("x-pharmlink-signature", "")):
        raise NotAuthorizedException("bad signature")


@post("/fill", exclude_from_auth=True)
async def pharmacy_fill(request: Request, db: AsyncSession) -> dict:  # LEAK(audit): pharmacy webhook changes prescription status and fill notes outside the audited controllers
    raw = await request.body()
    _check_sig(request, raw)
    data: dict[str, Any] = await request.json()
    log.info("pharmacy callback: %s", data)  # LEAK(logging): whole pharmacy callback (patient name, DOB, drug) logged
    rx = await db.get(Prescription, int(data["rx_id"]))
    rx.status = data.get("status", "filled")
    rx.pharmacy_note = data.get("note")
    return {"ok": True}


hooks_router = Router(path="/hooks/pharmacy", route_handlers=[pharmacy_fill])
