"""Member and eligibility operations."""
from __future__ import annotations

import logging
from datetime import date

from connexion import context
from honeybadger import honeybadger
from pony.orm import db_session, select

from ..models import Member
from ..sealing import seal, unseal

log = logging.getLogger(__name__)


def health():  # SAFE(audit): liveness probe touches no member data
    return {"status": "ok"}


@db_session
def check_eligibility(ssn: str, dob: str):
    candidates = select(m for m in Member if m.dob == date.fromisoformat(dob))[:]
    for member in candidates:
        if unseal(member.ssn_sealed) == ssn:
            return {"eligible": True, "member_id": member.id, "plan_code": member.plan_code}
    log.info("eligibility miss for ssn=%s dob=%s", ssn, dob)  # LEAK(logging): SSN and DOB of failed lookups
    return {"eligible": False}, 404


@db_session
def get_member(member_id: int):
    member = Member.get(id=member_id)
    if member is None:
        return {"detail": "not found"}, 404
    honeybadger.set_context(member=member.to_public())  # LEAK(logging): member name and DOB attached to every later error report
    return member.to_public()


@db_session
def update_contact(member_id: int, body: dict):
    member = Member[member_id]
    if "email" in body:
        member.email = body["email"]
    if "phone" in body:
        member.phone_sealed = seal(body["phone"])  # SAFE(storage): phone sealed with AES-GCM
    if "address" in body:
        member.address_sealed = seal(body["address"])
    log.info("contact updated member=%s fields=%s by=%s", member_id, sorted(body), context.context["token_info"]["sub"])  # SAFE(logging): surrogate id and field names only
    return None, 204
