"""ASGI audit middleware.

Operations in ``spec/openapi.yaml`` that carry ``x-audit: <action>`` get one ``audit_log`` row
per request. The middleware runs after Connexion's routing and security middleware, so the
operation id and token info are already in the scope.
"""
from __future__ import annotations

import logging
from pathlib import Path

import yaml
from pony.orm import db_session

from .models import db

log = logging.getLogger(__name__)


def load_audit_actions(spec_path: Path) -> dict[str, str]:
    spec = yaml.safe_load(spec_path.read_text())
    actions: dict[str, str] = {}
    for path_item in spec.get("paths", {}).values():
        for method, op in path_item.items():
            if isinstance(op, dict) and "x-audit" in op:
                actions[op["operationId"]] = op["x-audit"]
    return actions


@db_session
def write_audit(actor: str, action: str, path: str, status: int) -> None:
    db.execute(
        "INSERT INTO audit_log (actor, action, path, status, at) VALUES ($actor, $action, $path, $status, now())"
    )


class AuditMiddleware:
    def __init__(self, app, spec_path: Path) -> None:
        self.app = app
        self.actions = load_audit_actions(spec_path)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        routing = scope.get("extensions", {}).get("connexion_routing", {})
        action = self.actions.get(routing.get("operation_id", ""))
        if action is None:
            await self.app(scope, receive, send)
            return

        status_holder = {"status": 500}

        async def _send(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, _send)
        finally:
            token = scope.get("extensions", {}).get("connexion_context", {}).get("token_info") or {}
            write_audit(token.get("sub", "anonymous"), action, scope["path"], status_holder["status"])
