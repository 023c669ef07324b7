"""Access audit for the clinical API.

The clinical router installs `after_response` below, so every handler under /api is recorded with the
acting staff id, the route and the status code. Handlers mounted elsewhere call `record()` themselves.
"""
import logging

from litestar import Request

from app.models import AuditEvent

log = logging.getLogger("somnus.audit")


async def record(actor_id: int | None, action: str, resource: str, outcome: int = 200) -> None:
    await AuditEvent.create(actor_id=actor_id, action=action, resource=resource, outcome=outcome)


async def after_response(request: Request) -> None:
    handler = request.route_handler
    user = request.scope.get("user")
    resource = "/".join(f"{k}={v}" for k, v in sorted(request.path_params.items()))
    try:
        await record(
            getattr(user, "id", None),
            handler.handler_name or request.method,
            resource or request.url.path,
        )
    except Exception:  # audit must not take the API down, but it must be noticed
        log.exception("audit write failed for handler=%s", handler.handler_name)  # SAFE(logging): handler name only
