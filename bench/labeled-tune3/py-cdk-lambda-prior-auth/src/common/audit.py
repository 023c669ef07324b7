"""Access audit trail. Every route and worker that reads or changes a PA request goes through audit_trail."""
import datetime as dt
import functools
import os

import boto3

from .observability import logger

_table = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", "prior-auth"))


def write_audit(actor: str, action: str, request_id: str | None) -> None:
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    _table.put_item(
        Item={"pk": f"AUDIT#{now[:10]}", "sk": f"{now}#{actor}", "action": action, "request_id": request_id or "-", "actor": actor}
    )


def audit_trail(action: str):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            from api.handler import app  # resolver holds the current event

            actor = app.current_event.request_context.authorizer.get("sub", "unknown") if app.current_event else "system"
            result = fn(*args, **kwargs)
            write_audit(actor, action, kwargs.get("request_id"))
            logger.debug("audited", extra={"action": action, "request_id": kwargs.get("request_id")})
            return result

        return wrapper

    return decorator
