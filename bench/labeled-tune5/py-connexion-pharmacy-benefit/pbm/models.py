"""Pony ORM entities."""
from __future__ import annotations

from datetime import date, datetime

from pony.orm import Database, LongStr, Optional, PrimaryKey, Required, Set, set_sql_debug

from .settings import settings

db = Database()


class Member(db.Entity):
    _table_ = "members"
    id = PrimaryKey(int, auto=True)
    member_number = Required(str, unique=True)
    group_number = Required(str)
    first_name = Required(str)
    last_name = Required(str)
    dob = Required(date)
    ssn_sealed = Optional(bytes)
    email = Optional(str)
    phone_sealed = Optional(bytes)
    address_sealed = Optional(bytes)
    plan_code = Required(str)
    claims = Set("Claim")
    prior_auths = Set("PriorAuth")

    def to_public(self) -> dict:
        return {
            "id": self.id,
            "member_number": self.member_number,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "dob": self.dob.isoformat(),
            "plan_code": self.plan_code,
        }


class Claim(db.Entity):
    _table_ = "claims"
    id = PrimaryKey(int, auto=True)
    member = Required(Member)
    rx_number = Required(str)
    ndc = Required(str)
    drug_name = Required(str)
    days_supply = Required(int)
    quantity = Required(float)
    pharmacy_npi = Required(str)
    prescriber_npi = Required(str)
    status = Required(str)
    reject_codes = Optional(str)
    member_copay_cents = Required(int)
    filled_at = Required(datetime)


class PriorAuth(db.Entity):
    _table_ = "prior_auths"
    id = PrimaryKey(int, auto=True)
    member = Required(Member)
    drug_name = Required(str)
    ndc = Required(str)
    icd10_codes = Required(str)
    chart_notes_sealed = Optional(bytes)
    clinical_rationale = Optional(LongStr)  # LEAK(storage): prescriber rationale stored in plaintext while chart notes are sealed
    status = Required(str, default="pending")
    decided_at = Optional(datetime)
    reviewer_id = Optional(str)


def bind() -> None:
    cfg = settings()["database"]
    db.bind(
        provider=cfg["provider"], host=cfg["host"], database=cfg["database"], user=cfg["user"],
        password=settings()["secrets"]["db_password"], sslmode=cfg["sslmode"],
    )
    db.generate_mapping(create_tables=False)
    set_sql_debug(True, show_values=True)  # LEAK(logging): every SQL statement logged with bound member values
