from datetime import timedelta
from typing import Any

from litestar.connection import ASGIConnection
from litestar.security.jwt import JWTCookieAuth, Token

from app.config import settings
from app.models import Staff


async def retrieve_staff(token: Token, connection: ASGIConnection[Any, Any, Any, Any]) -> Staff | None:
    return await Staff.get_or_none(id=int(token.sub), active=True)


jwt_cookie_auth = JWTCookieAuth[Staff](
    retrieve_user_handler=retrieve_staff,
    token_secret=settings.jwt_secret,
    default_token_expiration=timedelta(hours=12),  # LEAK(session): staff token lives a whole shift with no idle timeout
    exclude=["/login", "/schema", "/hooks", "/portal", "/healthz"],
    samesite="strict",
    secure=True,
)
