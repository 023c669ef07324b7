"""Batch jobs run from cron on the ops host.

    pbm load-eligibility 2024-06-01
    pbm reverse-duplicates --since 2024-06-01
    pbm smoke
"""
from __future__ import annotations

import csv
import io
import logging
from datetime import date, datetime

import paramiko
import typer
from pony.orm import commit, db_session, select

from .models import Claim, Member, bind
from .sealing import legacy_cardholder_id, seal, unseal
from .services.switch import submit_reversal
from .settings import configure_logging, settings

app = typer.Typer(help="PBM member-services batch jobs")
log = logging.getLogger("pbm.cli")

SMOKE_MEMBER_NUMBER = "PBM884120397"  # LEAK(hardcoded): a real-format member number hard-coded for production smoke checks
ELIG_COLUMNS = ["member_number", "group_number", "first_name", "last_name", "dob", "ssn", "email", "plan_code"]


def _sftp() -> paramiko.SFTPClient:
    cfg = settings()["eligibility_sftp"]
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # LEAK(transmission): accepts any host key for the eligibility SFTP
    ssh.connect(cfg["host"], port=cfg["port"], username=cfg["user"], key_filename=cfg["key_file"])
    return ssh.open_sftp()


@app.command("load-eligibility")
def load_eligibility(file_date: str) -> None:
    """Load the employer-group 834-derived eligibility CSV for FILE_DATE."""
    configure_logging()
    bind()
    sftp = _sftp()
    with sftp.open(f"/outbound/elig_{file_date.replace('-', '')}.csv") as fh:
        raw = fh.read().decode()
    loaded = 0
    with db_session:
        for rec in csv.DictReader(io.StringIO(raw)):
            try:
                member = Member.get(member_number=rec["member_number"])
                if member is None:
                    Member(
                        member_number=rec["member_number"], group_number=rec["group_number"],
                        first_name=rec["first_name"], last_name=rec["last_name"],
                        dob=date.fromisoformat(rec["dob"]), ssn_sealed=seal(rec["ssn"]),
                        email=rec["email"] or None, plan_code=rec["plan_code"],
                    )
                else:
                    member.plan_code = rec["plan_code"]
                loaded += 1
            except (KeyError, ValueError) as exc:
                log.error("bad eligibility record %s: %s", rec, exc)  # LEAK(logging): rejected eligibility row (SSN, DOB) logged
        commit()
    sftp.close()

    log.info("eligibility %s: %d records loaded", file_date, loaded)  # SAFE(logging): file date and a count


@app.command("reverse-duplicates")
def reverse_duplicates(since: str) -> None:
    """Reverse same-day duplicate paid claims at the switch."""
    configure_logging()
    bind()
    with db_session:
        paid = select(c for c in Claim if c.status == "paid" and c.filled_at >= datetime.fromisoformat(since))[:]
        seen: set[tuple] = set()
        for claim in paid:
            key = (claim.member.id, claim.ndc, claim.filled_at.date())
            if key in seen:
                resp = submit_reversal(
                    {"rx_number": claim.rx_number, "ndc": claim.ndc, "filled_at": claim.filled_at.isoformat()},
                    legacy_cardholder_id(unseal(claim.member.ssn_sealed)),
                )
                claim.status = "reversed"
                typer.echo(f"reversed {claim.rx_number} for {claim.member.first_name} {claim.member.last_name}: {resp.get('status')}")  # LEAK(logging): member name and Rx number echoed to the cron log
            seen.add(key)


@app.command()
def smoke() -> None:
    """Post-deploy smoke check against production."""
    configure_logging()
    bind()
    with db_session:
        member = Member.get(member_number=SMOKE_MEMBER_NUMBER)
        typer.echo("ok" if member else "missing smoke member")


if __name__ == "__main__":
    app()
