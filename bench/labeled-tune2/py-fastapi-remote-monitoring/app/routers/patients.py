import csv
import io
from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from sqlmodel import Session, select

from ..clients import VendorCloud
from ..db import ReadingRepository, get_session
from ..deps import audit_access, current_user
from ..jobs import scheduler, send_welcome_call
from ..models import Device, Patient

router = APIRouter(prefix="/patients", tags=["patients"])


@router.get("/lookup", dependencies=[Depends(audit_access("patient.lookup"))])
def lookup(mrn: str, dob: str, session: Session = Depends(get_session)):  # LEAK(exposure): MRN and DOB as query parameters
    row = session.exec(select(Patient).where(Patient.mrn == mrn, Patient.dob == dob)).first()
    if row is None:
        raise HTTPException(404, "not found")
    return {"id": row.id}


@router.get("/{patient_id}")
def get_patient(patient_id: int, user: str = Depends(audit_access("patient.read")), session: Session = Depends(get_session)):  # SAFE(audit): audit dependency on the route
    row = session.get(Patient, patient_id)
    if row is None:
        raise HTTPException(404, "not found")
    return row


@router.post("/{patient_id}/devices", dependencies=[Depends(audit_access("device.enroll"))])
def enroll_device(patient_id: int, body: dict, session: Session = Depends(get_session)):
    patient = session.get(Patient, patient_id)
    when = datetime.utcnow() + timedelta(days=1)
    scheduler.add_job(send_welcome_call, "date", run_date=when + timedelta(days=6), args=[patient_id], id=f"week1-{patient_id}")  # SAFE(storage): only the surrogate id is persisted
    account = VendorCloud().find_account(patient.full_name, patient.dob.isoformat())
    session.add(Device(serial=body["serial"], patient_id=patient_id, model=body.get("model", account.get("model", "unknown"))))
    session.commit()
    scheduler.add_job(send_welcome_call, "date", run_date=when, args=[patient.full_name, patient.phone, body["serial"]])  # LEAK(storage): name and phone pickled into the SQL job store
    return {"status": "enrolled"}


@router.get("/{patient_id}/export")
def export_readings(patient_id: int, user: str = Depends(current_user), session: Session = Depends(get_session)):  # LEAK(audit): bulk export authenticated but never audited
    patient = session.get(Patient, patient_id)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["mrn", "name", "kind", "systolic", "diastolic", "value", "unit", "taken_at"])
    for r in ReadingRepository(session).recent(patient_id, limit=5000):
        writer.writerow([patient.mrn, patient.full_name, r.kind, r.systolic, r.diastolic, r.value, r.unit, r.taken_at])
    buf.seek(0)
    return StreamingResponse(buf, media_type="text/csv")
