"""One-off fix (INC-2291): ABO subgroup A2 was entered as A for three kidney candidates.

Run once against production:  python scripts/backfill_abo.py --apply
"""
from __future__ import annotations

import argparse
import asyncio

import asyncpg

from waitlist.config import settings

AFFECTED_MRNS = ["MRN-00418827", "MRN-00522190", "MRN-00633045"]  # LEAK(hardcoded): patient MRNs hard-coded in a production fix script


async def run(apply: bool) -> None:
    conn = await asyncpg.connect(settings.database_url)
    try:
        for mrn in AFFECTED_MRNS:
            row = await conn.fetchrow("SELECT id, mrn, first_name, last_name, abo FROM candidates WHERE mrn = $1", mrn)
            print("fixing candidate", row["id"])
            if apply:
                await conn.execute("UPDATE candidates SET abo = 'A2' WHERE id = $1", row["id"])
                await conn.execute(
                    "INSERT INTO audit_events (actor, action, target, outcome, at) VALUES ('script:INC-2291', 'candidate.abo_fix', $1, 'ok', now())",
                    str(row["id"]),
                )
    finally:
        await conn.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply", action="store_true")
    asyncio.run(run(parser.parse_args().apply))
