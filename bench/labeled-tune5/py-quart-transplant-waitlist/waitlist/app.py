"""Quart application factory."""
from __future__ import annotations

import logging
from datetime import timedelta

import sentry_sdk
from quart import Quart, jsonify, request
from quart_auth import QuartAuth, current_user
from sentry_sdk.integrations.quart import QuartIntegration

from .config import settings
from .db import init_pool
from .logutil import configure_logging
from .routes.candidates import bp as candidates_bp
from .routes.offers import bp as offers_bp

log = logging.getLogger(__name__)


def _scrub(event, hint):
    req = event.get("request") or {}
    req.pop("data", None)
    req.pop("query_string", None)
    return event


def create_app() -> Quart:
    configure_logging()
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        integrations=[QuartIntegration()],
        send_default_pii=False,  # SAFE(logging): no user/IP/cookies attached by default
        before_send=_scrub,
        traces_sample_rate=0.05,
    )

    app = Quart(__name__)
    app.secret_key = settings.secret_key
    app.config["QUART_AUTH_COOKIE_SECURE"] = True
    app.config["QUART_AUTH_COOKIE_SAMESITE"] = "Strict"
    app.config["QUART_AUTH_DURATION"] = int(timedelta(days=14).total_seconds())  # LEAK(session): coordinator login cookie valid for two weeks
    app.config["SESSION_COOKIE_SECURE"] = True
    QuartAuth(app)

    app.register_blueprint(candidates_bp, url_prefix="/api/candidates")
    app.register_blueprint(offers_bp, url_prefix="/api/offers")

    @app.before_serving
    async def _startup() -> None:
        await init_pool()

    @app.before_request
    async def _tag_user() -> None:
        if await current_user.is_authenticated:
            sentry_sdk.set_user({"id": current_user.auth_id})  # SAFE(logging): staff surrogate id only

    @app.errorhandler(ValueError)
    async def _bad_request(exc: ValueError):
        body = await request.get_json(silent=True)
        log.warning("validation failed: %s body=%s", exc, body)  # LEAK(logging): rejected candidate payload logged
        return jsonify({"error": str(exc), "submitted": body}), 422  # LEAK(exposure): echoes PHI and exception text in error response

    @app.errorhandler(Exception)
    async def _unhandled(exc: Exception):
        event_id = sentry_sdk.capture_exception(exc)
        return jsonify({"error": "internal error", "ref": event_id}), 500  # SAFE(exposure): generic message with correlation id

    return app


app = create_app()
