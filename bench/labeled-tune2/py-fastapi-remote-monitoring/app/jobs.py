import hashlib
import hmac
import json
from datetime import date
from pathlib import Path

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from cryptography.fernet import Fernet
from loguru import logger
from sqlmodel import Session, select

from .clients import EhrClient
from .config import get_settings
from .db import ReadingRepository, engine
from .models import Patient

_settings = get_settings()
scheduler = AsyncIOScheduler(jobstores={"default": SQLAlchemyJobStore(url=_settings.jobstore_url)})


def send_welcome_call(*args):
    logger.info("welcome call queued ({} args)", len(args))


def _pseudonym(mrn: str) -> str:
    return hmac.new(_settings.pseudonym_key.encode(), mrn.encode(), hashlib.sha256).hexdigest()[:16]  # SAFE(crypto): keyed pseudonym


async def daily_summaries() -> None:
    ehr = EhrClient()
    out = Path(_settings.export_dir)
    with Session(engine) as session:
        for patient in session.exec(select(Patient)):
            rows = ReadingRepository(session).recent(patient.id, limit=200)
            if not rows:
                continue
            summary = {"mrn": patient.mrn, "name": patient.full_name, "readings": [r.model_dump(mode="json") for r in rows]}
            tag = hashlib.sha1(patient.mrn.encode()).hexdigest()[:12]  # LEAK(crypto): unkeyed SHA-1 of the MRN used as an "anonymous" file tag
            (out / f"{date.today()}_{tag}.json").write_text(json.dumps(summary))  # LEAK(storage): plaintext summary with name, MRN and vitals on disk
            for r in rows[:5]:
                await ehr.push_observation(patient, r)
            sealed = Fernet(_settings.archive_key).encrypt(json.dumps(summary).encode())
            (out / "archive" / f"{_pseudonym(patient.mrn)}.bin").write_bytes(sealed)  # SAFE(storage): Fernet-encrypted archive copy
            logger.info("daily summary sent patient_id={} readings={}", patient.id, len(rows))  # SAFE(logging): surrogate id and count


def start_scheduler() -> None:
    scheduler.add_job(daily_summaries, "cron", hour=2, minute=15, id="daily-summaries", replace_existing=True)
    scheduler.start()
