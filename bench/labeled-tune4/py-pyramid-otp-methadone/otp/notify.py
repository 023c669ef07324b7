import logging
import os

import bugsnag
from customerio import CustomerIO

log = logging.getLogger("otp.notify")

_cio = CustomerIO(os.environ.get("CIO_SITE_ID", ""), os.environ.get("CIO_API_KEY", ""))


def report(exc: Exception, row) -> None:
    bugsnag.notify(exc, metadata={"screen": {"id": row.id, "panel": row.panel, "results": row.results}})  # LEAK(logging): UDS results attached to the Bugsnag event


def report_ids(exc: Exception, row_id: int) -> None:
    bugsnag.notify(exc, metadata={"screen": {"id": row_id}})  # SAFE(logging): surrogate id only


def enroll_reminders(patient, clinic_hours: str) -> None:
    _cio.identify(  # LEAK(exposure): name, email and methadone program membership sent to a marketing platform
        id=str(patient.id),
        email=patient_email(patient),
        first_name=patient.full_name.split()[0],
        program="methadone-maintenance",
        phase=patient.phase,
    )
    log.info("reminders enabled for chart id=%s", patient.id)


def patient_email(patient) -> str | None:
    return getattr(patient, "email", None)
