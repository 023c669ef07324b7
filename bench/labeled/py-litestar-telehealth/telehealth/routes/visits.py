import logging
from datetime import datetime

from litestar import Controller, Request, get, patch, post
from litestar.exceptions import NotFoundException
from msgspec import Struct
from sqlalchemy.ext.asyncio import AsyncSession

from ..audit import audit_guard
from ..integrations import create_room, room_token, text_reminder, track
from ..models import Visit
from ..repo import find_by_mrn, load_patient, patient_card

log = logging.getLogger("telehealth.visits")


class VisitIn(Struct):
    patient_id: int
    scheduled_for: datetime
    reason: str


class NotesIn(Struct):
    notes: str


class VisitController(Controller):
    path = "/api/visits"
    guards = [audit_guard]
    opt = {"resource": "visit"}

    @get("/{visit_id:int}")
    async def get_visit(self, visit_id: int, db: AsyncSession) -> dict:  # SAFE(audit): controller-level audit_guard records this read
        rec = await db.get(Visit, visit_id)
        if rec is None:
            raise NotFoundException(f"visit {visit_id} not found")
        patient = await load_patient(db, rec.patient_id)
        return {
            **patient_card(patient),
            "visit_id": rec.id,
            "reason": rec.reason,
            "status": rec.status,
            "scheduled_for": rec.scheduled_for.isoformat(),
        }

    @post("/")
    async def book_visit(self, data: VisitIn, db: AsyncSession, request: Request) -> dict:
        patient = await load_patient(db, data.patient_id)
        rec = Visit(
            patient_id=patient.id,
            clinician_id=request.user.id,
            scheduled_for=data.scheduled_for,
            reason=data.reason,
            status="booked",
        )
        db.add(rec)
        await db.flush()
        log.info(f"booked visit {rec.id} for {patient.first_name} {patient.last_name} (dob {patient.dob}): {data.reason}")  # LEAK(logging): patient name, DOB and visit reason in an info log line
        track("visit_booked", patient, {"reason": data.reason, "visit_id": rec.id})
        await text_reminder(patient, rec)
        return {"id": rec.id, "status": rec.status}

    @patch("/{visit_id:int}/notes")
    async def save_notes(self, visit_id: int, data: NotesIn, db: AsyncSession, request: Request) -> dict:
        rec = await db.get(Visit, visit_id)
        if rec is None:
            raise NotFoundException(f"visit {visit_id} not found")
        rec.notes = data.notes
        log.info("notes updated visit=%s len=%d by clinician=%s", rec.id, len(data.notes), request.user.id)  # SAFE(logging): ids and note length only
        return {"id": rec.id, "updated": True}

    @post("/{visit_id:int}/start")
    async def start_visit(self, visit_id: int, db: AsyncSession, request: Request) -> dict:
        rec = await db.get(Visit, visit_id)
        patient = await load_patient(db, rec.patient_id)
        rec.room_id = await create_room(rec, patient)
        rec.status = "in_progress"
        return {"room_id": rec.room_id, "token": room_token(rec.room_id, request.user.id)}

    @get("/lookup/{mrn:str}")  # LEAK(exposure): MRN in the URL path (and DOB in the query string) of a GET route
    async def lookup(self, mrn: str, db: AsyncSession, dob: str | None = None) -> dict:
        try:
            p = await find_by_mrn(db, mrn, dob)
        except LookupError as exc:
            log.exception("lookup failed")
            raise NotFoundException("no matching patient") from exc
        return patient_card(p)
