import functools
import time
import uuid

import boto3
from flask import current_app, g, request

_dynamo = boto3.resource("dynamodb")


def record_audit(action: str, actor: str, resource_id: str = "", status: int = 200) -> None:
    table = _dynamo.Table(current_app.config["CB"]["audit_table"]) if current_app else _dynamo.Table("cb-audit-prod")
    table.put_item(Item={"pk": str(uuid.uuid4()), "ts": int(time.time() * 1000), "action": action, "actor": actor, "resource": resource_id, "status": status})


def audit_event(action: str):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            resp = fn(*args, **kwargs)
            status = resp[1] if isinstance(resp, tuple) else 200
            record_audit(action, g.user.get("sub", "unknown"), request.view_args.get("claim_id", ""), status)
            return resp

        return wrapper

    return decorator
