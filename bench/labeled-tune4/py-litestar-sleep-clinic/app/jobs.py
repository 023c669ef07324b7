"""Background work on RQ: scoring, letters, nightly digests."""
import logging
from typing import Any

from redis import Redis
from rq import Queue

from app.config import settings

log = logging.getLogger("somnus.jobs")

_conn = Redis.from_url(settings.rq_redis_url)
reports = Queue("reports", connection=_conn)
letters = Queue("letters", connection=_conn)


def enqueue_scoring(study_id: int) -> None:
    reports.enqueue("app.worker.score_study", study_id, job_timeout=1800)  # SAFE(storage): only the study id goes on the queue


def enqueue_letter(to_addr: str, item: dict[str, Any]) -> None:
    letters.enqueue("app.worker.send_letter", to_addr, item, result_ttl=86400)  # LEAK(storage): name, DOB and interpretation serialized into the redis job hash
