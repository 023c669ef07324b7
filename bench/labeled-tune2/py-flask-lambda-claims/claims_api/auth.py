import functools
import os
import time

import requests
from flask import abort, current_app, g, request
from jose import jwt

JWT_SECRET = os.environ.get("JWT_SECRET", "cb-prod-3b9d71f0a6c24e58")  # LEAK(crypto): fallback signing secret in source
_jwks_cache: dict = {}


def _jwks() -> dict:
    cfg = current_app.config["CB"]["jwt"]
    if not _jwks_cache:
        _jwks_cache.update(requests.get(cfg["jwks_url"], timeout=5).json())
    return _jwks_cache


def issue_service_token(sub: str, partner: bool = False) -> str:
    cfg = current_app.config["CB"]
    ttl = cfg["partner"]["token_ttl_seconds"] if partner else cfg["jwt"]["token_ttl_seconds"]
    now = int(time.time())
    return jwt.encode({"sub": sub, "iat": now, "exp": now + ttl, "aud": cfg["jwt"]["audience"]}, JWT_SECRET, algorithm="HS256")


def require_auth(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        cfg = current_app.config["CB"]["jwt"]
        if request.headers.get("X-Partner-Id"):
            g.user = jwt.get_unverified_claims(token)  # LEAK(crypto): partner tokens trusted without signature verification
        else:
            try:
                g.user = jwt.decode(token, _jwks(), algorithms=["RS256"], audience=cfg["audience"], issuer=cfg["issuer"])  # SAFE(crypto): signature, audience, issuer and expiry checked
            except Exception:
                abort(401)
        return fn(*args, **kwargs)

    return wrapper
