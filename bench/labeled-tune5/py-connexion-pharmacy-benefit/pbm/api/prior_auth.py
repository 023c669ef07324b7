"""Specialty-drug prior authorization."""
from __future__ import annotations

import logging
from datetime import datetime

from connexion import context
from pony.orm import db_session

from ..models import Member, PriorAuth
from ..sealing import seal, unseal
from ..services.llm import draft_determination_letter
from ..tasks import notify_pa_decision

log = logging.getLogger(__name__)


@db_session
def submit(body: dict):
    member = Member[body["member_id"]]
    pa = PriorAuth(
        member=member,
        drug_name=body["drug_name"],
        ndc=body["ndc"],
        icd10_codes=",".join(body["icd10_codes"]),
        chart_notes_sealed=seal(body.get("chart_notes")),  # SAFE(storage): chart notes sealed before insert
        clinical_rationale=body.get("clinical_rationale"),
    )
    pa.flush()
    log.info("prior auth %s submitted for member %s", pa.id, member.id)
    return {"id": pa.id, "status": pa.status}, 201


@db_session
def get(pa_id: int):
    pa = PriorAuth[pa_id]
    return {
        "id": pa.id, "member_id": pa.member.id, "drug_name": pa.drug_name, "ndc": pa.ndc,
        "icd10_codes": pa.icd10_codes.split(","), "chart_notes": unseal(pa.chart_notes_sealed),
        "clinical_rationale": pa.clinical_rationale, "status": pa.status,
    }


@db_session
def draft_letter(pa_id: int):
    pa = PriorAuth[pa_id]
    text = draft_determination_letter(pa.member.to_public(), pa.drug_name, pa.icd10_codes, unseal(pa.chart_notes_sealed))
    return {"draft": text}


@db_session
def decide(pa_id: int, body: dict):  # LEAK(audit): PA approve/deny has no x-audit entry
    pa = PriorAuth[pa_id]
    pa.status = body["decision"]
    pa.decided_at = datetime.utcnow()
    pa.reviewer_id = context.context["token_info"]["sub"]
    notify_pa_decision(pa.id)
    return {"id": pa.id, "status": pa.status}
