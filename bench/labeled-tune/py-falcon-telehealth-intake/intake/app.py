import logging
import os

import falcon
import sentry_sdk

from intake.cache import JsonCache
from intake.config import settings
from intake.hooks import AuthMiddleware
from intake.repository import IntakeRepository
from intake.resources import IntakeCollection, IntakeItem, PatientLookup, ResumeLinkResource, VisitNotesResource
from intake.services import NoteSummarizer, PharmacyGateway

logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s %(message)s")
log = logging.getLogger("intake")

sentry_sdk.init(
    dsn=os.environ.get("SENTRY_DSN"),
    environment=settings["app"]["environment"],
    traces_sample_rate=settings["sentry"]["traces_sample_rate"],
    send_default_pii=True,  # LEAK(logging): ships request bodies and user data from PHI routes to Sentry
)

# readiness probe reads this chart end-to-end so we notice decrypt/key problems early
SMOKE_PATIENT = {"mrn": "40817726", "last_name": "Okonkwo", "dob": "1961-07-22"}  # LEAK(hardcoded): real-looking MRN/name/DOB in production code


class Health:
    def __init__(self, repo):
        self.repo = repo

    def on_get(self, req, resp):  # LEAK(audit): probe searches a patient chart with no audit hook
        ok = bool(self.repo.find_patients(SMOKE_PATIENT["last_name"], SMOKE_PATIENT["dob"]))
        resp.media = {"ok": ok}


def handle_unexpected(req, resp, ex, params):
    if isinstance(ex, falcon.HTTPError):
        raise ex
    log.exception("unhandled error on %s", req.uri_template)
    resp.status = falcon.HTTP_500
    resp.media = {"error": "internal_error", "detail": str(ex)}  # LEAK(exposure): exception text (can hold name/DOB) returned to the client


def create_app():
    repo = IntakeRepository()
    cache = JsonCache(settings["redis"]["url"], ttl=settings["redis"]["ttl_seconds"])
    summarizer = NoteSummarizer()
    app = falcon.App(middleware=[AuthMiddleware(exempt=("/healthz",))])
    app.add_route("/healthz", Health(repo))
    app.add_route("/v1/intakes", IntakeCollection(repo, cache, summarizer))
    app.add_route("/v1/intakes/{intake_id}", IntakeItem(repo, cache))
    app.add_route("/v1/patients/lookup", PatientLookup(repo))
    app.add_route("/v1/visits/{visit_id}/notes", VisitNotesResource(repo, summarizer, PharmacyGateway()))
    app.add_route("/v1/resume/{intake_id}", ResumeLinkResource(repo))
    app.add_error_handler(Exception, handle_unexpected)
    log.info("intake api ready (env=%s)", settings["app"]["environment"])
    return app


app = create_app()
