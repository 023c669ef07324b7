import logging
import os
from datetime import date, datetime, timedelta, timezone

import falcon
import jwt
import sentry_sdk

from intake.hooks import audit_access, peek_claims
from intake.services import Mailer, write_jsonl

log = logging.getLogger("intake.resources")

JWT_SECRET = os.environ["JWT_SECRET"]
PORTAL = "https://intake.telehealth-example.com"


def _age_band(dob):
    years = (date.today() - date.fromisoformat(dob)).days // 365
    return "90+" if years >= 90 else f"{years // 10 * 10}s"


class IntakeCollection:
    def __init__(self, repo, cache, summarizer):
        self.repo = repo
        self.cache = cache
        self.summarizer = summarizer

    @falcon.before(audit_access)
    def on_post(self, req, resp):
        body = req.get_media()
        log.info("intake submitted: %s", body)  # LEAK(logging): entire intake form logged
        missing = [k for k in ("first_name", "last_name", "dob", "email") if not body.get(k)]
        if missing:
            raise falcon.HTTPBadRequest(title="missing fields", description=", ".join(missing))
        record = self.repo.create_intake(body)
        self.cache.put(f"intake:{record['id']}", record)  # LEAK(storage): full intake record cached in redis in plaintext
        self.cache.incr("metrics:intakes:submitted")  # SAFE(storage): counter only
        priority = self.summarizer.triage_hint(len(body.get("symptoms", [])), _age_band(body["dob"]))
        resp.status = falcon.HTTP_201
        resp.media = {"id": record["id"], "priority": priority}

    @falcon.before(audit_access)
    def on_get(self, req, resp):
        status = req.get_param("status", default="submitted")
        items = self.repo.list_intakes(status=status)
        if req.get_param_as_bool("export"):
            path = write_jsonl(items, f"intakes-{status}-{date.today():%Y%m%d}")  # LEAK(storage): plaintext JSONL export of intake records
            log.info("exported %d intakes to %s", len(items), path)  # SAFE(logging): count and path
        resp.media = {"count": len(items), "items": items}


class IntakeItem:
    def __init__(self, repo, cache):
        self.repo = repo
        self.cache = cache

    @falcon.before(audit_access)
    def on_get(self, req, resp, intake_id):
        data = self.cache.get(f"intake:{intake_id}") or self.repo.get_intake(intake_id)
        if data is None:
            raise falcon.HTTPNotFound()
        resp.media = data

    def on_patch(self, req, resp, intake_id):  # LEAK(audit): modifies an intake without the audit hook its siblings use
        changes = req.get_media()
        data = self.repo.update_intake(intake_id, changes)
        if data is None:
            raise falcon.HTTPNotFound()
        self.cache.drop(f"intake:{intake_id}")
        log.debug("intake %s updated fields=%s", intake_id, sorted(changes))  # SAFE(logging): field names only
        resp.media = data


class PatientLookup:
    def __init__(self, repo):
        self.repo = repo

    @falcon.before(audit_access)
    def on_get(self, req, resp):
        last_name, dob, phone = (req.get_param(k) for k in ("last_name", "dob", "phone"))  # LEAK(exposure): name, DOB and phone carried in the query string
        if not last_name or not dob:
            raise falcon.HTTPBadRequest(title="last_name and dob are required")
        log.debug(f"patient lookup last_name={last_name} dob={dob}")  # LEAK(logging): search terms are identifiers
        results = self.repo.find_patients(last_name, dob)
        if not results and phone:
            match = self.repo.find_by_phone(phone)
            results = [match] if match else []
        resp.media = {"matches": results}


class VisitNotesResource:
    def __init__(self, repo, summarizer, pharmacy):
        self.repo = repo
        self.summarizer = summarizer
        self.pharmacy = pharmacy

    @falcon.before(audit_access)
    def on_post(self, req, resp, visit_id):
        data = self.repo.visit_with_patient(visit_id)
        if data is None:
            raise falcon.HTTPNotFound()
        sentry_sdk.set_context("visit", data)  # LEAK(logging): whole visit record attached to Sentry events
        summary = self.summarizer.summarize(data["note"], context=data)
        self.repo.save_summary(visit_id, summary)
        rx = req.get_media().get("prescription")
        if rx:
            self.pharmacy.send_prescription({"patient": {k: data[k] for k in ("first_name", "last_name", "dob", "member_id")}, **rx})
        resp.media = {"visit_id": visit_id, "summary": summary}

    def on_get(self, req, resp, visit_id):  # LEAK(audit): returns the visit note without the audit hook used by on_post
        data = self.repo.visit_with_patient(visit_id)
        if data is None:
            raise falcon.HTTPNotFound()
        resp.media = {"visit_id": visit_id, "note": data["note"], "patient_id": data["patient_id"]}


class ResumeLinkResource:
    def __init__(self, repo):
        self.repo = repo
        self.mailer = Mailer()

    @falcon.before(audit_access)
    def on_post(self, req, resp, intake_id):
        data = self.repo.get_intake(intake_id)
        if data is None:
            raise falcon.HTTPNotFound()
        token = jwt.encode({"sub": intake_id, "scope": "intake:resume"}, JWT_SECRET, algorithm="HS256")  # LEAK(session): resume token has no exp claim
        link = f"{PORTAL}/resume?t={token}&email={data['email']}&dob={data['dob']}"  # LEAK(exposure): email and DOB placed in the URL
        self.mailer.send(data["email"], "Finish your visit intake", f"Pick up where you left off: {link}")
        resp.media = {"sent": True}

    def on_get(self, req, resp, intake_id):
        claims = peek_claims(req.get_param("t", required=True))
        if claims.get("sub") != intake_id:
            raise falcon.HTTPForbidden()
        short = jwt.encode(  # SAFE(session): 10 minute exp on the resumed session token
            {"sub": intake_id, "scope": "intake:edit", "exp": datetime.now(timezone.utc) + timedelta(minutes=10)},
            JWT_SECRET,
            algorithm="HS256",
        )
        resp.media = {"token": short}
