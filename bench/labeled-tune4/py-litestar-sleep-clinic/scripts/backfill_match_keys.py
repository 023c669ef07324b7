"""One-off: recompute device-cloud match keys after the vendor switch (run on prod, 2024-03).

Usage: python -m scripts.backfill_match_keys
"""
import asyncio
import logging

from tortoise import Tortoise

from app.config import settings
from app.models import Patient
from app.services.matching import legacy_match_key

log = logging.getLogger("somnus.backfill")

# Charts the vendor could not match automatically; fixed by hand with the front desk.
MANUAL_FIXES = [
    {"mrn": "SLP-0048213", "dob": "1961-04-02", "name": "Testy McPatient"},  # LEAK(hardcoded): MRN, DOB and name of a real-shaped chart in a prod script
]

SUPPORT_PHONE = "555-0142"  # SAFE(hardcoded): clinic support line in the fictional 555-01xx range


async def main() -> None:
    await Tortoise.init(db_url=settings.database_url, modules={"models": ["app.models"]})
    n = 0
    async for p in Patient.all():
        p.legacy_key = legacy_match_key(p.mrn, p.dob)
        await p.save(update_fields=["legacy_key"])
        n += 1
    for fix in MANUAL_FIXES:
        key = legacy_match_key(fix["mrn"], fix["dob"])
        updated = await Patient.filter(legacy_key=None, full_name=fix["name"]).update(legacy_key=key)
        log.info("manual fix updated=%d", updated)
    await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main())
