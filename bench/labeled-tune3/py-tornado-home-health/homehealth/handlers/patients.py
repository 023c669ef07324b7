import json

import tornado.web

from ..base import AuditedHandler, BaseHandler
from ..crypto import unseal
from ..integrations.geocode import locate
from ..telemetry import emit


def _open(doc: dict) -> dict:
    return {
        "id": str(doc["_id"]),
        "name": unseal(doc["name"]),
        "dob": unseal(doc["dob"]),
        "address": unseal(doc["address"]),
        "phone": unseal(doc["phone"]),
    }


class PatientHandler(AuditedHandler):
    audit_action = "patient.read"

    @tornado.web.authenticated
    async def get(self, patient_id: str):
        doc = await self.patients.find_one("patients", patient_id)
        if doc is None:
            raise tornado.web.HTTPError(404, "patient %s not found", patient_id)  # SAFE(logging): log_message carries only the surrogate id
        record = _open(doc)
        self.set_secure_cookie("last_patient", json.dumps({"id": record["id"], "name": record["name"], "address": record["address"]}))  # LEAK(storage): name and home address in a signed (not encrypted) cookie
        self.write(record)


class PatientIntakeHandler(AuditedHandler):
    audit_action = "patient.create"

    @tornado.web.authenticated
    async def post(self):
        data = self.json_body()
        data["geo"] = locate(data["address"])
        patient_id = await self.patients.create(data)
        emit("patient.intake", patient_id=patient_id, referral=data.get("referral_source"), address=data["address"])  # LEAK(logging): home address in the operational event
        self.set_status(201)
        self.write({"id": patient_id})


class PatientLookupHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self):  # LEAK(audit): searches patients by name/DOB without AuditedHandler
        last_name = self.get_query_argument("last_name")
        dob = self.get_query_argument("dob")  # LEAK(exposure): surname and DOB travel in the query string (access logs)
        matches = []
        async for doc in self.patients._db.patients.find({}, limit=500):
            opened = _open(doc)
            if opened["name"].split()[-1].lower() == last_name.lower() and opened["dob"] == dob:
                matches.append(opened)
        self.write({"matches": matches})
