import logging

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

from ..audit import audited
from ..db import SessionLocal, recall, remember
from ..models import Patient, dedupe_key, legacy_aria_key, masked_mrn
from ..observability import log_event, tag_request
from ..services.notify import track

log = logging.getLogger("infusion.patients")


def _summary(p: Patient) -> dict:
    return {
        "id": str(p.id),
        "name": p.full_name,
        "mrn": p.mrn,
        "dob": p.birth_date,
        "diagnosis": p.primary_diagnosis,
    }


@audited("patient.read")
async def get_patient(request: Request):
    patient_id = request.path_params["patient_id"]
    cached = await recall(f"pt:{patient_id}")
    if cached:
        return JSONResponse(cached)
    async with SessionLocal() as session:
        patient = await session.get(Patient, patient_id)
    if patient is None:
        return JSONResponse({"detail": "not found"}, status_code=404)
    tag_request(patient)
    data = _summary(patient)
    await remember(f"pt:{patient_id}", data)  # LEAK(storage): name, MRN, DOB and diagnosis cached in Redis in cleartext
    return JSONResponse(data)


@audited("patient.create")
async def create_patient(request: Request):
    body = await request.json()
    patient = Patient(
        mrn=body["mrn"],
        full_name=body["name"],
        birth_date=body["dob"],
        phone=body["phone"],
        email=body.get("email"),
        primary_diagnosis=body["diagnosis"],
        dedupe_key=dedupe_key(body["mrn"], body["dob"]),
    )
    async with SessionLocal() as session:
        session.add(patient)
        await session.commit()
    log_event("patient.created", patient_id=str(patient.id), mrn=masked_mrn(patient.mrn))  # SAFE(logging): surrogate id and masked MRN
    track(str(patient.id), "patient_registered", {"diagnosis_group": body["diagnosis"]})  # LEAK(exposure): cancer diagnosis sent to PostHog
    return JSONResponse({"id": str(patient.id)}, status_code=201)


@audited("patient.search")
async def search_patients(request: Request):
    q = request.query_params.get("q", "")
    async with SessionLocal() as session:
        rows = (await session.execute(select(Patient).where(Patient.dedupe_key == q))).scalars().all()
    log.info("search returned %d rows", len(rows))
    return JSONResponse([_summary(r) for r in rows])


async def lookup_legacy(request: Request):  # LEAK(audit): resolves a patient from the legacy ARIA id without @audited
    body = await request.json()
    async with SessionLocal() as session:
        rows = (await session.execute(select(Patient))).scalars().all()
    for row in rows:
        if legacy_aria_key(row.mrn) == body["aria_key"]:
            return RedirectResponse(f"/chart?mrn={row.mrn}&name={row.full_name}")  # LEAK(exposure): MRN and name placed in the redirect URL
    return JSONResponse({"detail": "no match"}, status_code=404)


async def _by_identity(session, mrn: str, dob: str) -> Patient | None:
    stmt = select(Patient).where(Patient.dedupe_key == dedupe_key(mrn, dob))
    return (await session.execute(stmt)).scalar_one_or_none()


@audited("patient.merge")
async def merge_duplicates(request: Request):
    body = await request.json()
    async with SessionLocal() as session:
        keep = await _by_identity(session, body["keep_mrn"], body["keep_dob"])
        drop = await _by_identity(session, body["drop_mrn"], body["drop_dob"])
        if keep is None or drop is None:
            raise LookupError("merge failed: one of the records does not exist")
        await session.delete(drop)
        await session.commit()
    return JSONResponse({"kept": str(keep.id)})
