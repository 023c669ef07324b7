"""Access audit trail (OPTN policy 1.x / HIPAA 164.312(b)).

Handlers declare ``@audited("action")``; the decorator writes one row per request to
``audit_events`` after the handler returns. Jobs call ``record_access`` directly.
"""
from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable

from quart import g, request
from quart_auth import current_user

from .db import pool


async def record_access(*, actor: str, action: str, target: str | None, outcome: str, source_ip: str | None = None) -> None:
    await pool().execute(
        "INSERT INTO audit_events (actor, action, target, outcome, source_ip, at) VALUES ($1, $2, $3, $4, $5, now())",
        actor, action, target, outcome, source_ip,
    )


def audited(action: str) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    def decorator(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            outcome = "error"
            try:
                response = await fn(*args, **kwargs)
                outcome = "ok"
                return response
            finally:
                target = kwargs.get("candidate_id") or kwargs.get("offer_id")
                await record_access(
                    actor=current_user.auth_id or "anonymous",
                    action=action,
                    target=str(target) if target is not None else None,
                    outcome=outcome,
                    source_ip=request.remote_addr,
                )
                g.audited = True

        return wrapper

    return decorator
