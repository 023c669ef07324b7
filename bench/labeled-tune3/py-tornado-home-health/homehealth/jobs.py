"""Periodic jobs run inside the Tornado process (PeriodicCallback)."""
import datetime as dt
import logging
import uuid

from .crypto import unseal
from .integrations import oasis
from .integrations.sms import notify_arrival_window

log = logging.getLogger("riverbend.jobs")


async def send_tomorrow_windows(repo) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    async for visit in repo._db.schedule.find({"date": tomorrow}):
        patient = await repo.find_one("patients", visit["patient_id"])
        await repo.audit("system:jobs", "sms.arrival_window", visit["patient_id"])
        notify_arrival_window(unseal(patient["phone"]), visit["window"], visit["clinician_first_name"])
    log.info("arrival windows sent for %s", tomorrow)


async def export_oasis_batch(repo) -> None:  # LEAK(audit): exports OASIS assessments (identifiers and diagnoses) without the audit write its sibling job does
    rows = []
    async for a in repo._db.assessments.find({"submitted": False}):
        p = await repo.find_one("patients", a["patient_id"])
        first, _, last = unseal(p["name"]).partition(" ")
        rows.append(
            {
                "M0040_PAT_FNAME": first,
                "M0040_PAT_LNAME": last,
                "M0066_PAT_BIRTH_DT": unseal(p["dob"]),
                "M0063_MEDICARE_NUM": a["medicare_number"],
                "M1021_PRIMARY_DIAG_ICD": a["primary_dx"],
                "M1800_GROOMING": a["m1800"],
            }
        )
    if not rows:
        return
    path = oasis.write_batch(rows, uuid.uuid4().hex[:12])
    oasis.upload(path)
    log.info("oasis batch of %d assessments uploaded", len(rows))  # SAFE(logging): count only
