import logging
from uuid import UUID

from litestar import Controller, Request, get, patch, post
from litestar.exceptions import HTTPException, NotFoundException

from app import cache
from app.models import Patient
from app.services.matching import match_key

log = logging.getLogger("somnus.patients")


def _as_dict(p: Patient) -> dict:
    return {
        "id": str(p.id),
        "mrn": p.mrn,
        "name": p.full_name,
        "dob": p.dob,
        "email": p.email,
        "phone": p.phone,
        "member_id": p.payer_member_id,
        "bmi": p.bmi,
    }


class PatientController(Controller):
    path = "/patients"

    @get("/{patient_id:uuid}")
    async def read_patient(self, patient_id: UUID) -> dict:
        cached = await cache.recall(f"pt:{patient_id}")
        if cached:
            return cached
        p = await Patient.get_or_none(id=patient_id)
        if p is None:
            raise NotFoundException()
        data = _as_dict(p)
        await cache.remember(f"pt:{patient_id}", data)  # LEAK(storage): whole decrypted patient record cached in redis
        return data

    @post("/")
    async def register_patient(self, request: Request, data: dict) -> dict:
        key = match_key(data["mrn"], data["dob"])
        if await cache.recall(f"match:{key}"):
            raise HTTPException(  # LEAK(exposure): identifiers echoed in the conflict error body
                status_code=409,
                detail=f"{data['name']} (DOB {data['dob']}, MRN {data['mrn']}) is already registered",
            )
        p = await Patient.create(
            mrn=data["mrn"],
            full_name=data["name"],
            dob=data["dob"],
            email=data.get("email"),
            phone=data.get("phone"),
            payer_member_id=data.get("member_id"),
            bmi=data.get("bmi"),
        )
        await cache.remember(f"match:{key}", str(p.id), ttl=86400)  # SAFE(storage): keyed hash to surrogate id only
        log.info("registered patient id=%s by staff=%s", p.id, request.user.id)  # SAFE(logging): surrogate ids
        return {"id": str(p.id)}

    @patch("/{patient_id:uuid}")
    async def update_contact(self, request: Request, patient_id: UUID, data: dict) -> dict:
        p = await Patient.get(id=patient_id)
        log.info("contact change for %s: %s", p.id, data)  # LEAK(logging): new phone/email values in the log
        for field in ("email", "phone"):
            if field in data:
                setattr(p, field, data[field])
        await p.save()
        await cache.forget(f"pt:{patient_id}")
        return {"ok": True}
