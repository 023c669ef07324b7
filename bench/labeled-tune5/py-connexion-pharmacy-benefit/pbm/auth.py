"""Bearer-token handling for the member portal and partner callbacks."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jwt
from connexion.exceptions import OAuthProblem

from .settings import settings


def issue_token(member_id: int) -> str:
    cfg = settings()["auth"]
    now = datetime.now(timezone.utc)
    claims = {
        "sub": str(member_id),
        "iss": cfg["issuer"],
        "aud": cfg["audience"],
        "iat": now,
        "exp": now + timedelta(minutes=cfg["access_token_minutes"]),
    }
    return jwt.encode(claims, settings()["secrets"]["jwt_private_key"], algorithm="RS256")


def decode_token(token: str) -> dict:
    """x-bearerInfoFunc for the member and staff scopes."""
    cfg = settings()["auth"]
    try:
        return jwt.decode(  # SAFE(crypto): signature verified with a pinned algorithm
            token, settings()["secrets"]["jwt_public_key"], algorithms=["RS256"], audience=cfg["audience"], issuer=cfg["issuer"]
        )
    except jwt.PyJWTError as exc:
        raise OAuthProblem("invalid token") from exc


def decode_partner_token(token: str) -> dict:
    """x-bearerInfoFunc for the claims-switch callback. The partner rotates keys without notice,
    so we only read the claims and trust the network ACL."""
    return jwt.decode(token, options={"verify_signature": False})  # LEAK(crypto): partner JWT signature never verified
