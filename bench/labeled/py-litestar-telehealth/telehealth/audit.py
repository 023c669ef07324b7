import logging
from datetime import datetime, timezone

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from .models import AuditEvent

log = logging.getLogger("telehealth.audit")


async def record_access(db, actor_id, action, resource, resource_id=None, outcome="ok"):
    db.add(
        AuditEvent(
            actor_id=actor_id,
            action=action,
            resource=resource,
            resource_id=str(resource_id) if resource_id is not None else None,
            outcome=outcome,
            at=datetime.now(timezone.utc),
        )
    )
    await db.flush()


async def audit_guard(connection: ASGIConnection, route_handler: BaseRouteHandler) -> None:
    """Controller-level guard: one audit row per request that reaches a handler."""
    if route_handler.opt.get("skip_audit"):
        return
    params = connection.path_params
    ref = params.get("visit_id") or params.get("rx_id") or params.get("patient_id")
    actor = getattr(connection.user, "id", None)
    async with connection.app.state.audit_sessions() as db:
        await record_access(
            db,
            actor_id=actor,
            action=f"{connection.scope.get('method', 'GET')} {route_handler.handler_name}",
            resource=route_handler.opt.get("resource", "unknown"),
            resource_id=ref,
        )
        await db.commit()
    log.debug("audited %s by %s", route_handler.handler_name, actor)
