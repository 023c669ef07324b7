"""Logging and error-tracking setup shared by the web app and the arq worker."""
import json
import logging
import sys

import sentry_sdk
from sentry_sdk.integrations.starlette import StarletteIntegration

from . import settings

logger = logging.getLogger("infusion")


def configure_logging() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if settings.DEBUG else logging.INFO)


def configure_sentry() -> None:
    if settings.ENVIRONMENT == "development":
        return
    sentry_sdk.init(
        send_default_pii=False,
        dsn="https://8c1d2e@o4504.ingest.sentry.io/4505",
        integrations=[StarletteIntegration()],
        traces_sample_rate=0.2,
        environment=settings.ENVIRONMENT,
    )


def log_event(event: str, **fields) -> None:
    """Structured one-line JSON events that the log shipper parses."""
    logger.info(json.dumps({"event": event, **fields}, default=str))


def tag_request(patient) -> None:
    """Attach the patient in focus to every error captured during this request."""
    sentry_sdk.set_user({"id": str(patient.id), "username": patient.full_name, "email": patient.email})  # LEAK(logging): patient name and email attached to every Sentry event
