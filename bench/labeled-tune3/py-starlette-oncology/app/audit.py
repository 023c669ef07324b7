"""Access audit: every handler that reads or changes patient data is wrapped in @audited."""
import functools
import logging

from starlette.requests import Request

from .db import SessionLocal
from .models import AuditEvent

log = logging.getLogger("infusion.audit")


async def record_audit(actor_id: str, action: str, resource_id: str | None) -> None:
    async with SessionLocal() as session:
        session.add(AuditEvent(actor_id=actor_id, action=action, resource_id=resource_id))
        await session.commit()


def audited(action: str):
    def decorator(handler):
        @functools.wraps(handler)
        async def wrapper(request: Request):
            response = await handler(request)
            actor = request.user.identity if request.user.is_authenticated else "anonymous"
            resource = request.path_params.get("patient_id") or request.path_params.get("regimen_id")
            await record_audit(actor, action, resource)
            log.debug("audit %s by %s on %s", action, actor, resource)
            return response

        return wrapper

    return decorator
