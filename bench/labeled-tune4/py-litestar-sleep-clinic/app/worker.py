"""RQ worker entry points (run with `rq worker reports letters`)."""
import asyncio
import logging
import sys

import rollbar
from tortoise import Tortoise

from app.config import settings
from app.models import SleepStudy
from app.services.mailer import send_referral_letter

log = logging.getLogger("somnus.worker")
logging.basicConfig(stream=sys.stdout, level=logging.INFO)
rollbar.init(settings.rollbar_token, environment=settings.env)


async def _score(study_id: int) -> dict:
    await Tortoise.init(db_url=settings.database_url, modules={"models": ["app.models"]})
    s = await SleepStudy.get(id=study_id).prefetch_related("patient")
    # the scoring engine writes results back through the ORM
    s.status = "scored"
    await s.save()
    return {"study": s.id, "ahi": s.ahi, "patient": s.patient.full_name, "referral": s.referral_reason}


def score_study(study_id: int) -> None:
    asyncio.run(_score(study_id))


def send_letter(to_addr: str, item: dict) -> None:
    try:
        send_referral_letter(to_addr, item)
    except Exception:
        rollbar.report_exc_info(sys.exc_info(), extra_data={"letter": item})  # LEAK(logging): whole letter payload attached to the error tracker
        raise
    log.info("letter sent for study kind=%s", item.get("kind"))  # SAFE(logging): study kind only
