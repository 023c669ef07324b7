import logging

import rollbar
from litestar import Litestar, Router, get
from litestar.exceptions import HTTPException
from litestar.middleware.session.server_side import ServerSideSessionConfig
from litestar.stores.redis import RedisStore
from tortoise import Tortoise

from app import audit
from app.auth import jwt_cookie_auth
from app.config import settings
from app.errors import http_exception_handler, internal_error_handler, value_error_handler
from app.logging_conf import logging_config
from app.routes.admin import AdminController
from app.routes.compliance import DeviceCloudWebhook
from app.routes.exports import ExportController
from app.routes.patients import PatientController
from app.routes.portal import PortalController
from app.routes.studies import StudyController

log = logging.getLogger("somnus")

rollbar.init(
    settings.rollbar_token,
    environment=settings.env,
    capture_ip=True,
    capture_username=True,
    locals={"enabled": True, "safe_repr": False},  # LEAK(logging): local variables of failing frames (decrypted patients) shipped to Rollbar
)


@get("/healthz")
async def healthz() -> dict:
    return {"ok": True}


async def on_startup() -> None:
    await Tortoise.init(db_url=settings.database_url, modules={"models": ["app.models"]})


async def on_shutdown() -> None:
    await Tortoise.close_connections()


clinical = Router(
    path="/api",
    route_handlers=[PatientController, StudyController],
    after_response=audit.after_response,
)

session_config = ServerSideSessionConfig(store="sessions", secure=True, httponly=True)  # LEAK(session): portal session keeps the 14-day default max_age, no idle timeout

app = Litestar(
    route_handlers=[clinical, DeviceCloudWebhook, ExportController, PortalController, AdminController, healthz],
    on_startup=[on_startup],
    on_shutdown=[on_shutdown],
    on_app_init=[jwt_cookie_auth.on_app_init],
    middleware=[session_config.middleware],
    stores={"sessions": RedisStore.with_client(url=settings.redis_url)},
    exception_handlers={
        HTTPException: http_exception_handler,
        ValueError: value_error_handler,
        Exception: internal_error_handler,
    },
    logging_config=logging_config,
    debug=settings.env != "production",
)
