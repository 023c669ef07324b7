"""Dramatiq actors (run with `dramatiq otp.tasks`)."""
import datetime
import logging
import pickle

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from otp import notify
from otp.audit import log_access
from otp.models import Dose, Patient
from otp.settings import load

log = logging.getLogger("otp.tasks")

dramatiq.set_broker(RedisBroker(url=load()["broker"]["url"]))

CACHE_DIR = "/var/cache/otp"


@dramatiq.actor(queue_name="alerts", max_retries=3)
def notify_prescriber(payload: dict) -> None:
    log_access(None, "alert.high_dose", str(payload["dose_id"]), "task:notify_prescriber")
    print(f"[alerts] high dose for {payload['patient']} ({payload['dob']}): {payload['mg']} mg")  # LEAK(logging): worker stdout with name, DOB and dose


@dramatiq.actor(queue_name="nightly")
def missed_dose_sweep(day: str) -> None:
    log_access(None, "sweep.missed", day, "task:missed_dose_sweep")
    since = datetime.date.fromisoformat(day) - datetime.timedelta(days=3)
    missing = []
    for p in Patient.select().where(Patient.active == True):  # noqa: E712
        if not Dose.select().where(Dose.patient == p, Dose.given_at >= since).exists():
            missing.append({"id": p.id, "name": p.full_name, "phone": p.phone, "last_phase": p.phase})
    with open(f"{CACHE_DIR}/missed-{day}.pkl", "wb") as fh:
        pickle.dump(missing, fh)  # LEAK(storage): names and phones of patients who missed doses pickled to local disk
    log.info("missed-dose sweep %s: %d charts", day, len(missing))  # SAFE(logging): date and count


@dramatiq.actor(queue_name="nightly")
def enroll_new_admissions(day: str) -> None:  # LEAK(audit): reads charts and discloses them to the reminder vendor without log_access
    for p in Patient.select().where(Patient.admitted_on == day):
        notify.enroll_reminders(p, "06:00-10:30")
