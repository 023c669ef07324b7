import logging

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import settings
from ..audit import audited
from ..db import SessionLocal
from ..models import PathologyReport, Patient, dedupe_key
from ..services.pathology_client import PathologyClient

log = logging.getLogger("infusion.pathology")
client = PathologyClient()


@audited("pathology.ingest")
async def ingest_report(request: Request):
    data = await request.json()
    subject = data["patient"]
    async with SessionLocal() as session:
        patient = (
            await session.execute(select(Patient).where(Patient.dedupe_key == dedupe_key(subject["mrn"], subject["dob"])))
        ).scalar_one_or_none()
        if patient is None:
            log.warning("unmatched pathology report %s for %s (%s)", data["accession"], subject["name"], subject["dob"])  # LEAK(logging): patient name and DOB of an unmatched report
            if settings.ENVIRONMENT == "development":
                return JSONResponse({"detail": "unmatched", "received": data}, status_code=422)  # SAFE(exposure): raw echo only in local development
            return JSONResponse({"detail": "unmatched"}, status_code=422)
        report = PathologyReport(
            patient_id=patient.id, accession=data["accession"], report_text=data["text"], staging=data.get("stage", "")
        )
        session.add(report)
        await session.commit()
    log.info("stored pathology report %s", report.id)
    return JSONResponse({"id": str(report.id)}, status_code=201)


@audited("pathology.search")
async def search_reports(request: Request):
    async with SessionLocal() as session:
        patient = await session.get(Patient, request.path_params["patient_id"])
    last_name = patient.full_name.split()[-1]
    items = await client.search_by_patient(patient.mrn, last_name)
    return JSONResponse(items)


async def refresh_report(request: Request):  # LEAK(audit): pulls and returns a pathology report without @audited
    async with SessionLocal() as session:
        report = await session.get(PathologyReport, request.path_params["report_id"])
    result = await client.fetch_report(report.accession)
    return JSONResponse(result)
