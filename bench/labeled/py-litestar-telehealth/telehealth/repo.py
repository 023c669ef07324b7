import hashlib
import hmac
import logging

from sqlalchemy import select

from .config import settings
from .models import Clinician, Patient

log = logging.getLogger(__name__)


def mrn_key(mrn: str) -> str:
    return hmac.new(settings.lookup_pepper, mrn.strip().upper().encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): MRN lookup key is an HMAC-SHA256 with a secret pepper


async def load_patient(db, patient_id: int) -> Patient:
    rec = await db.get(Patient, patient_id)
    if rec is None:
        raise LookupError(f"patient {patient_id} not found")  # SAFE(logging): exception text carries only the surrogate id
    return rec


async def load_clinician(db, clinician_id: int) -> Clinician:
    return await db.get(Clinician, clinician_id)


async def find_by_mrn(db, mrn: str, dob: str | None = None) -> Patient:
    result = await db.execute(select(Patient).where(Patient.mrn_lookup == mrn_key(mrn)))
    rec = result.scalar_one_or_none()
    if rec is None or (dob and rec.dob != dob):
        raise LookupError(f"no patient matching mrn={mrn} dob={dob}")  # LEAK(logging): exception text carries MRN and DOB; the caller logs it with log.exception
    return rec


def patient_card(p: Patient) -> dict:
    return {
        "id": p.id,
        "name": f"{p.first_name} {p.last_name}",
        "dob": p.dob,
        "phone": p.phone,
        "email": p.email,
    }


def anon_id(p: Patient) -> str:
    return hashlib.sha1(p.email.strip().lower().encode()).hexdigest()  # LEAK(crypto): unkeyed SHA-1 of the patient's email used as a "pseudonymous" analytics id


def mask_phone(phone: str | None) -> str:
    return f"***-***-{phone[-4:]}" if phone else ""
