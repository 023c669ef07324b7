import logging
from datetime import timedelta

import bcrypt
from litestar import Litestar, Request, Response, post
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.plugins.sqlalchemy import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar.security.jwt import JWTAuth, Token
from msgspec import Struct
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .config import settings
from .models import Base, Clinician
from .routes.prescriptions import PrescriptionController, hooks_router
from .routes.visits import VisitController

log = logging.getLogger("telehealth")

db_config = SQLAlchemyAsyncConfig(
    connection_string=settings.database_url,
    session_dependency_key="db",
    metadata=Base.metadata,
    create_all=False,
)


async def retrieve_clinician(token: Token, connection: ASGIConnection) -> Clinician | None:
    async with connection.app.state.audit_sessions() as db:
        return await db.get(Clinician, int(token.sub))


jwt_auth = JWTAuth[Clinician](
    retrieve_user_handler=retrieve_clinician,
    token_secret=settings.jwt_secret,
    default_token_expiration=timedelta(hours=12),  # LEAK(session): clinician access tokens live 12 hours, far beyond the 15-minute idle policy
    exclude=["/auth/login", "/health", "/schema", "/hooks"],
)


class LoginIn(Struct):
    email: str
    password: str


@post("/auth/login")
async def login(data: LoginIn, db: AsyncSession) -> Response:
    user = (await db.execute(select(Clinician).where(Clinician.email == data.email))).scalar_one_or_none()
    if user is None or not bcrypt.checkpw(data.password.encode(), user.password_hash.encode()):
        raise NotAuthorizedException("invalid credentials")
    log.info("clinician %s signed in", user.id)
    return jwt_auth.login(identifier=str(user.id), response_body={"clinician_id": user.id})


def on_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)  # LEAK(logging): request path logged, and /api/visits/lookup/{mrn} paths carry MRNs
    return Response({"error": str(exc)}, status_code=500)  # LEAK(exposure): raw exception text (lookups embed MRN/DOB) returned in the 500 body


async def on_startup(app: Litestar) -> None:
    engine = db_config.get_engine()
    app.state.audit_sessions = async_sessionmaker(engine, expire_on_commit=False)


app = Litestar(
    route_handlers=[login, VisitController, PrescriptionController, hooks_router],
    on_app_init=[jwt_auth.on_app_init],
    on_startup=[on_startup],
    plugins=[SQLAlchemyPlugin(config=db_config)],
    exception_handlers={Exception: on_error},
    debug=settings.debug,
)
