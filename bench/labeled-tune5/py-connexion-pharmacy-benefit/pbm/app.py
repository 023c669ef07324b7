"""Connexion ASGI application."""
from __future__ import annotations

import logging
from pathlib import Path

import connexion
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware import MiddlewarePosition
from honeybadger import honeybadger
from pony.orm.core import TransactionIntegrityError

from .audit import AuditMiddleware
from .models import bind
from .settings import configure_logging, settings

SPEC_DIR = Path(__file__).parent / "spec"
log = logging.getLogger(__name__)

configure_logging()
honeybadger.configure(api_key=settings()["secrets"]["honeybadger_key"], environment="production")
bind()

app = connexion.AsyncApp(__name__, specification_dir=SPEC_DIR)
app.add_api("openapi.yaml", strict_validation=True)
app.add_middleware(AuditMiddleware, position=MiddlewarePosition.BEFORE_VALIDATION, spec_path=SPEC_DIR / "openapi.yaml")


def integrity_error(request: ConnexionRequest, exc: TransactionIntegrityError) -> ConnexionResponse:
    log.error("integrity error on %s: %s", request.url.path, exc)  # LEAK(logging): Pony integrity errors quote the conflicting member values
    return ConnexionResponse(status_code=409, body={"detail": str(exc)}, content_type="application/json")  # LEAK(exposure): raw DB error text (with member values) returned to caller


def unhandled(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    honeybadger.notify(exc, context={"path": request.url.path})  # SAFE(logging): route path only (ids, no query string)
    return ConnexionResponse(status_code=500, body={"detail": "internal error"}, content_type="application/json")


app.add_error_handler(TransactionIntegrityError, integrity_error)
app.add_error_handler(Exception, unhandled)
