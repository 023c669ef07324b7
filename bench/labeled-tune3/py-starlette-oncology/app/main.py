import logging

import jwt
from starlette.applications import Starlette
from starlette.authentication import AuthCredentials, AuthenticationBackend, SimpleUser
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from . import settings
from .observability import configure_logging, configure_sentry
from .routes import pathology, patients, portal, regimens
from .services.pathology_client import PathologyGatewayError

configure_logging()
configure_sentry()
log = logging.getLogger("infusion.errors")


class StaffTokenBackend(AuthenticationBackend):
    """Staff sign in through the hospital IdP; the gateway forwards a short-lived HS256 token."""

    async def authenticate(self, conn):
        header = conn.headers.get("authorization", "")
        if not header.startswith("Bearer ") or conn.url.path.startswith("/portal"):
            return None
        claims = jwt.decode(
            header[7:],
            str(settings.PORTAL_JWT_SECRET),
            algorithms=["HS256"],
            options={"require": ["exp", "sub"]},
        )
        return AuthCredentials(["staff"]), SimpleUser(claims["sub"])


async def http_error(request: Request, exc: HTTPException):
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)


async def gateway_error(request: Request, exc: PathologyGatewayError):
    log.warning("upstream failure on %s", request.url.path)
    return JSONResponse({"detail": "upstream system unavailable"}, status_code=502)  # SAFE(exposure): generic message, no exception text


async def unhandled(request: Request, exc: Exception):
    log.exception("unhandled error")
    return JSONResponse({"error": type(exc).__name__, "message": str(exc)}, status_code=500)  # LEAK(exposure): exception text (SQLAlchemy errors carry bound parameters such as MRN and name) returned to the client


routes = [
    Route("/patients", patients.create_patient, methods=["POST"]),
    Route("/patients/search", patients.search_patients),
    Route("/patients/legacy-lookup", patients.lookup_legacy, methods=["POST"]),
    Route("/patients/merge", patients.merge_duplicates, methods=["POST"]),
    Route("/patients/{patient_id}", patients.get_patient),
    Route("/patients/{patient_id}/regimens", regimens.create_regimen, methods=["POST"]),
    Route("/patients/{patient_id}/board-packet", regimens.export_board_packet, methods=["POST"]),
    Route("/patients/{patient_id}/pathology", pathology.search_reports),
    Route("/regimens/{regimen_id}/dose", regimens.adjust_dose, methods=["PATCH"]),
    Route("/regimens/{regimen_id}/schedule", regimens.reschedule, methods=["PATCH"]),
    Route("/board/agenda", regimens.board_agenda),
    Route("/pathology/reports", pathology.ingest_report, methods=["POST"]),
    Route("/pathology/reports/{report_id}/refresh", pathology.refresh_report, methods=["POST"]),
    Route("/portal/sign-in", portal.sign_in, methods=["POST"]),
    Route("/portal/schedule", portal.my_schedule),
]

middleware = [
    Middleware(
        SessionMiddleware,
        secret_key=str(settings.SESSION_SECRET),
        max_age=settings.SESSION_MAX_AGE,
        https_only=True,
        same_site="strict",
    ),
    Middleware(AuthenticationMiddleware, backend=StaffTokenBackend()),
]

app = Starlette(
    debug=settings.DEBUG,
    routes=routes,
    middleware=middleware,
    exception_handlers={
        HTTPException: http_error,
        PathologyGatewayError: gateway_error,
        Exception: unhandled,
    },
)
