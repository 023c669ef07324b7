from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException
from loguru import logger
from pydantic import BaseModel
from sqlmodel import Session

from ..clients import ask_llm
from ..config import get_settings
from ..db import ReadingRepository, get_session
from ..deps import audit_access, current_user
from ..models import Reading

router = APIRouter(tags=["readings"])


class ManualReading(BaseModel):
    kind: str
    systolic: int | None = None
    diastolic: int | None = None
    value: float | None = None
    unit: str = ""
    taken_at: datetime
    note: str = ""


@router.get("/patients/{patient_id}/readings", dependencies=[Depends(audit_access("reading.list"))])
def list_readings(patient_id: int, session: Session = Depends(get_session)):
    return ReadingRepository(session).recent(patient_id)


@router.post("/patients/{patient_id}/readings", dependencies=[Depends(audit_access("reading.manual"))])
def add_manual(patient_id: int, body: ManualReading, session: Session = Depends(get_session)):
    repo = ReadingRepository(session)
    patient = repo.patient(patient_id)
    logger.info("manual reading for patient {}: {}", patient_id, body.model_dump())  # LEAK(logging): vitals and free-text nurse note
    t = get_settings().thresholds
    if body.kind == "bp" and body.systolic and body.systolic > 260:
        raise HTTPException(422, detail=f"implausible BP {body.systolic}/{body.diastolic} for {patient.full_name} (DOB {patient.dob})")  # LEAK(exposure): name, DOB and vitals in the error body
    item = repo.save(Reading(patient_id=patient_id, source="manual", **body.model_dump(exclude={"note"})))
    logger.info("manual reading stored id={} patient_id={}", item.id, patient_id)  # SAFE(logging): surrogate ids only
    return {"id": item.id, "alert": bool(body.systolic and body.systolic >= t.systolic_high)}


@router.post("/patients/{patient_id}/triage-summary", dependencies=[Depends(audit_access("reading.summary"))])
async def triage_summary(patient_id: int, session: Session = Depends(get_session)):
    repo = ReadingRepository(session)
    patient = repo.patient(patient_id)
    values = "; ".join(f"{r.kind} {r.systolic or r.value}/{r.diastolic or ''} at {r.taken_at:%m-%d %H:%M}" for r in repo.recent(patient_id, 20))
    text = await ask_llm(f"Summarize these home readings for {patient.full_name}, born {patient.dob}, program {patient.program}: {values}")  # LEAK(exposure): name, DOB and readings sent to an LLM API
    return {"summary": text}


@router.delete("/readings/{reading_id}")
def delete_reading(reading_id: int, user: str = Depends(current_user), session: Session = Depends(get_session)):  # LEAK(audit): deletes clinical data without an audit row
    item = session.get(Reading, reading_id)
    if item is None:
        raise HTTPException(404, "not found")
    session.delete(item)
    session.commit()
    return {"deleted": reading_id}
