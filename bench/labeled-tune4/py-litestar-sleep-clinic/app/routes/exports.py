import logging
import os
from datetime import date

import pandas as pd
from litestar import Controller, Request, get

from app import audit
from app.config import settings
from app.models import CpapNight

log = logging.getLogger("somnus.exports")


class ExportController(Controller):
    path = "/exports"

    @get("/compliance/{month:str}")
    async def compliance_export(self, request: Request, month: str) -> dict:  # SAFE(audit): mounted outside /api but records its own audit event
        await audit.record(request.user.id, "export.compliance", f"month={month}")
        rows = await CpapNight.filter(night_of__startswith=month).prefetch_related("patient")
        frame = pd.DataFrame(
            [
                {
                    "name": r.patient.full_name,
                    "dob": r.patient.dob,
                    "member_id": r.patient.payer_member_id,
                    "night": r.night_of,
                    "minutes": r.usage_minutes,
                }
                for r in rows
            ]
        )
        path = os.path.join(settings.export_dir, f"compliance-{month}-{date.today():%Y%m%d}.csv")
        frame.to_csv(path, index=False)  # LEAK(storage): plaintext CSV of names, DOBs and member ids on the export share
        return {"file": os.path.basename(path), "rows": len(frame)}
