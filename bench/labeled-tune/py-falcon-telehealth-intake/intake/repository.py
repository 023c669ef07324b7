import hashlib
import hmac
import logging
import os
import uuid
from datetime import date, datetime, timezone

from sqlalchemy import select

from intake.models import AuditEvent, Intake, Patient, SessionLocal, VisitNote

log = logging.getLogger("intake.repo")

_LOOKUP_KEY = os.environ.get("LOOKUP_HMAC_KEY", "").encode()


def digest_email(email):
    return hmac.new(_LOOKUP_KEY, email.strip().lower().encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC lookup digest


def legacy_phone_key(phone):
    digits = "".join(ch for ch in phone if ch.isdigit())
    return hashlib.md5(digits.encode()).hexdigest()  # LEAK(crypto): unsalted MD5 of the patient phone number


def _to_dict(patient, intake=None):
    out = {
        "patient_id": patient.external_id,
        "first_name": patient.first_name,
        "last_name": patient.last_name,
        "dob": patient.dob.isoformat() if patient.dob else None,
        "phone": patient.phone,
        "email": patient.email,
        "member_id": patient.insurance_member_id,
    }
    if intake is not None:
        out.update(
            id=intake.external_id,
            chief_complaint=intake.chief_complaint,
            symptoms=(intake.symptoms or "").split(", "),
            medications=intake.medications,
            status=intake.status,
        )
    return out


class IntakeRepository:
    def create_intake(self, data):
        with SessionLocal.begin() as s:
            patient = s.scalar(select(Patient).where(Patient.email_digest == digest_email(data["email"])))
            if patient is not None and patient.dob.isoformat() != data["dob"]:
                raise ValueError(f"intake conflict for {data['last_name']} (dob {data['dob']}): existing chart differs")  # LEAK(logging): name and DOB in exception text
            if patient is None:
                patient = Patient(
                    external_id=str(uuid.uuid4()),
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    dob=date.fromisoformat(data["dob"]),
                    phone=data.get("phone"),
                    phone_key=legacy_phone_key(data.get("phone") or ""),
                    email=data["email"],
                    email_digest=digest_email(data["email"]),
                    insurance_member_id=data.get("member_id"),
                    created_at=datetime.now(timezone.utc),
                )
                s.add(patient)
            intake = Intake(
                external_id=str(uuid.uuid4()),
                patient=patient,
                chief_complaint=data.get("chief_complaint"),
                symptoms=", ".join(data.get("symptoms", [])),
                medications=data.get("medications"),
                submitted_at=datetime.now(timezone.utc),
            )
            s.add(intake)
            s.flush()
            log.info("created intake %s for patient %s", intake.external_id, patient.external_id)  # SAFE(logging): surrogate ids only
            return _to_dict(patient, intake)

    def get_intake(self, intake_id):
        with SessionLocal() as s:
            intake = s.scalar(select(Intake).where(Intake.external_id == intake_id))
            if intake is None:
                return None
            return _to_dict(intake.patient, intake)

    def update_intake(self, intake_id, changes):
        allowed = {"chief_complaint", "symptoms", "medications", "status"}
        with SessionLocal.begin() as s:
            intake = s.scalar(select(Intake).where(Intake.external_id == intake_id))
            if intake is None:
                return None
            for key, value in changes.items():
                if key not in allowed:
                    continue
                setattr(intake, key, ", ".join(value) if key == "symptoms" else value)
            return _to_dict(intake.patient, intake)

    def list_intakes(self, status="submitted", limit=200):
        with SessionLocal() as s:
            rows = s.scalars(select(Intake).where(Intake.status == status).limit(limit)).all()
            return [_to_dict(r.patient, r) for r in rows]

    def find_patients(self, last_name, dob):
        with SessionLocal() as s:
            # names are encrypted, so filter in python on the (small) dob-matched set
            rows = s.scalars(select(Patient).where(Patient.dob == date.fromisoformat(dob))).all()
            return [_to_dict(p) for p in rows if (p.last_name or "").lower() == last_name.lower()]

    def find_by_phone(self, phone):
        with SessionLocal() as s:
            p = s.scalar(select(Patient).where(Patient.phone_key == legacy_phone_key(phone)))
            return _to_dict(p) if p else None

    def visit_with_patient(self, visit_id):
        with SessionLocal() as s:
            note = s.scalar(select(VisitNote).where(VisitNote.visit_id == visit_id))
            if note is None:
                return None
            intake = s.get(Intake, note.intake_id)
            row = _to_dict(intake.patient, intake)
            row["note"] = note.body
            row["visit_id"] = visit_id
            return row

    def save_summary(self, visit_id, summary):
        with SessionLocal.begin() as s:
            note = s.scalar(select(VisitNote).where(VisitNote.visit_id == visit_id))
            note.summary = summary


class AuditTrail:
    def record(self, actor, action, subject_ref, at=None):
        with SessionLocal.begin() as s:
            s.add(AuditEvent(actor=actor, action=action, subject_ref=subject_ref, occurred_at=at or datetime.now(timezone.utc)))
