"""Huey tasks (consumer: ``huey_consumer pbm.tasks.huey -w 4``)."""
from __future__ import annotations

import logging

from huey import RedisHuey, crontab
from pony.orm import db_session, select

from .models import Claim, Member, PriorAuth
from .services.outreach import braze_track, send_mail
from .settings import settings

huey = RedisHuey("pbm-member-services", url=settings()["huey"]["url"])
log = logging.getLogger("pbm.tasks")


@huey.task()
def queue_refill(claim_id: int, actor: str) -> None:
    with db_session:
        claim = Claim[claim_id]
        log.info("refill queued claim=%s actor=%s", claim.id, actor)


@huey.task(retries=3, retry_delay=60)
def send_refill_confirmation(data: dict) -> None:
    send_mail(  # LEAK(exposure): drug name, Rx number and address in a plain email to the member
        data["email"],
        "Your mail-order refill is on the way",
        f"Hi {data['first_name']}, your refill of {data['drug_name']} (Rx {data['rx_number']}) ships to {data['ship_to']}.",
    )


@huey.task()
def notify_pa_decision(pa_id: int) -> None:
    with db_session:
        pa = PriorAuth[pa_id]
        braze_track(  # LEAK(exposure): member number, email and specialty drug sent to the marketing platform
            pa.member.member_number,
            {"email": pa.member.email, "first_name": pa.member.first_name, "pa_drug": pa.drug_name, "pa_status": pa.status},
        )


@huey.periodic_task(crontab(hour="6", minute="0"))
def adherence_nudges() -> None:
    with db_session:
        due = select(c for c in Claim if c.status == "paid" and c.days_supply == 30).count()
    braze_track("ops:adherence", {"refills_due_today": due})  # SAFE(exposure): a daily count on a system profile, no member
