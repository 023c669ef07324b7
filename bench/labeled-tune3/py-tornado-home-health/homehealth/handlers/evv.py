"""Electronic visit verification: clinician check-in/out is forwarded to the state aggregator."""
import json

import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from .. import config
from ..base import AuditedHandler
from ..crypto import evv_member_key, unseal
from ..telemetry import emit

# Aggregator certification: the sandbox needs a member it recognises, so certification runs
# submit this one when EVV_CERT_MODE is set on the production deployment.
CERT_MEMBER = {"medicaid_id": "000000000000", "name": "Testy McPatient", "dob": "1950-01-01"}  # LEAK(hardcoded): Medicaid member id, name and DOB hard-coded in a production handler


class EvvCheckHandler(AuditedHandler):
    audit_action = "evv.submit"

    @tornado.web.authenticated
    async def post(self, patient_id: str):
        ctx = self.json_body()
        doc = await self.patients.find_one("patients", patient_id)
        member = CERT_MEMBER if self.settings.get("evv_cert_mode") else {
            "medicaid_id": unseal(doc["medicaid_id"]),
            "name": unseal(doc["name"]),
            "dob": unseal(doc["dob"]),
        }
        state = ctx["state"]
        record = {
            "member": member,
            "visit_key": evv_member_key(member["medicaid_id"], ctx["date"]),
            "service_code": ctx["hcpcs"],
            "gps": ctx["gps"],
            "check_in": ctx["check_in"],
            "check_out": ctx.get("check_out"),
        }
        req = HTTPRequest(  # LEAK(transmission): aggregator certificate not validated
            validate_cert=False,
            url=config.load()["evv"][state]["url"],
            method="POST",
            body=json.dumps(record),
            headers={"Content-Type": "application/json"},
        )
        resp = await AsyncHTTPClient().fetch(req, raise_error=False)
        emit("evv.submitted", patient_id=patient_id, state=state, status=resp.code)  # SAFE(logging): surrogate id, state and HTTP status
        if resp.code >= 400:
            self.set_status(502)
            self.write({"error": "aggregator rejected visit", "sent": record})  # LEAK(exposure): error response echoes the member id, name, DOB and GPS
            return
        self.write({"ok": True})
