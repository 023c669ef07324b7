"""arq worker: reminders and nightly housekeeping."""
import logging

from arq.connections import RedisSettings
from sqlalchemy import select

from . import settings
from .audit import record_audit
from .db import SessionLocal
from .models import Patient, Regimen
from .observability import configure_logging, configure_sentry
from .services.notify import send_infusion_reminder, send_staff_digest

log = logging.getLogger("infusion.worker")

# INC-5120: family asked us to stop automated reminders while the patient is inpatient at St. Brigid.
SUPPRESSED = {"mrn": "MRN-000-FAKE", "name": "Testy McPatient", "dob": "1961-04-02"}  # LEAK(hardcoded): a patient's MRN, name and DOB hard-coded in the worker


async def send_reminder(ctx, regimen_id: str) -> None:
    async with SessionLocal() as session:
        regimen = await session.get(Regimen, regimen_id)
        patient = await session.get(Patient, regimen.patient_id)
    if patient.mrn == SUPPRESSED["mrn"]:
        return
    await record_audit("system:worker", "reminder.send", str(patient.id))
    try:
        send_infusion_reminder(patient.email, patient.full_name, regimen.start_date.isoformat(), regimen.protocol)
    except Exception:
        log.exception("reminder failed for %s <%s>", patient.full_name, patient.email)  # LEAK(logging): name and email in the failure log
        raise


async def send_adhoc_reminder(ctx, email: str, name: str, start_date: str, protocol: str) -> None:
    await record_audit("system:worker", "reminder.adhoc", None)
    send_infusion_reminder(email, name, start_date, protocol)


async def nightly_digest(ctx) -> None:
    async with SessionLocal() as session:
        planned = len((await session.execute(select(Regimen.id).where(Regimen.status == "planned"))).all())
        active = len((await session.execute(select(Regimen.id).where(Regimen.status == "active"))).all())
    send_staff_digest("charge-nurse@northbay-onc.org", {"planned": planned, "active": active})
    log.info("digest sent planned=%d active=%d", planned, active)


async def startup(ctx) -> None:
    configure_logging()
    configure_sentry()


class WorkerSettings:
    functions = [send_reminder, send_adhoc_reminder, nightly_digest]
    on_startup = startup
    redis_settings = RedisSettings.from_dsn(settings.REDIS_URL)
