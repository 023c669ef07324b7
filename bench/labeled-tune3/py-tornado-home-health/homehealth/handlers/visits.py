import csv
import io

import tornado.web

from ..base import AuditedHandler, BaseHandler
from ..crypto import unseal
from ..telemetry import emit, track


class VisitHandler(AuditedHandler):
    audit_action = "visit.create"

    @tornado.web.authenticated
    async def post(self, patient_id: str):
        payload = self.json_body()
        patient = await self.patients.find_one("patients", patient_id)
        if patient is None or patient.get("discharged"):
            name = unseal(patient["name"]) if patient else "?"
            raise tornado.web.HTTPError(409, "no open episode for %s", name)  # LEAK(logging): Tornado writes the log_message (patient name) to the warning log
        visit_id = await self.visits.record_visit(patient_id, self.current_user, payload)
        emit("visit.recorded", visit_id=visit_id, minutes=payload.get("duration_min"))  # SAFE(logging): surrogate id and duration only
        track(self.current_user, "visit_documented", discipline=payload["discipline"], primary_dx=payload["primary_dx"])  # LEAK(exposure): visit diagnosis sent to Mixpanel
        self.set_status(201)
        self.write({"id": visit_id})


class VisitNoteExportHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self, patient_id: str):  # LEAK(audit): exports every visit note for a patient with no access record
        rows = self.visits._db.visits.find({"patient_id": patient_id}).sort("started", 1)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["started", "ended", "wound_notes"])
        async for row in rows:
            writer.writerow([row["started"], row["ended"], row["wound_notes"]])
        self.set_header("Content-Type", "text/csv")
        self.write(buf.getvalue())


class VisitSummaryHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self, visit_id: str):  # SAFE(audit): records its own access entry through the repository
        visit = await self.visits.find_one("visits", visit_id)
        await self.visits.audit(self.current_user, "visit.summary", visit_id)
        track(self.current_user, "visit_summary_opened", visit_count=1)  # SAFE(exposure): staff id and a count only
        self.write({"id": visit_id, "started": visit["started"], "ended": visit["ended"], "vitals": unseal(visit["vitals"])})
