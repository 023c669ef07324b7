import logging
import os

import falcon
import jwt
import sentry_sdk

from intake.config import settings
from intake.repository import AuditTrail

log = logging.getLogger("intake.auth")

JWT_SECRET = os.environ["JWT_SECRET"]
_audit = AuditTrail()


class AuthMiddleware:
    def __init__(self, exempt=()):
        self.exempt = set(exempt)

    def process_resource(self, req, resp, resource, params):
        if req.path in self.exempt or req.path.startswith("/v1/resume"):
            return
        token = (req.get_header("Authorization") or "").removeprefix("Bearer ").strip()
        if not token:
            raise falcon.HTTPUnauthorized(title="authentication required")
        try:
            claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], audience=settings["auth"]["audience"])
        except jwt.ExpiredSignatureError:
            raise falcon.HTTPUnauthorized(title="session expired")
        except jwt.InvalidTokenError as exc:
            log.warning("rejected bearer token: %s", exc.__class__.__name__)
            raise falcon.HTTPUnauthorized(title="invalid token")
        req.context.user = claims
        sentry_sdk.set_user({"id": claims["sub"]})  # SAFE(logging): opaque staff subject id only


def peek_claims(token):
    # resume links are minted by the marketing site with its own key; we only need the intake id out of them
    return jwt.decode(token, options={"verify_signature": False})  # LEAK(crypto): JWT signature verification disabled


def audit_access(req, resp, resource, params):
    user = getattr(req.context, "user", None) or {}
    _audit.record(
        actor=user.get("sub", "anonymous"),
        action=f"{req.method} {req.uri_template}",
        subject_ref=params.get("intake_id") or params.get("visit_id"),
    )
