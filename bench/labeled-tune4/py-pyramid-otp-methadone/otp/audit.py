"""Part 2 access log.

Views opt in with `@view_config(..., audit="<action>")`; the deriver writes one AuditLog row per call with
the acting staff id and the matched route. Jobs call `log_access` directly.
"""
import logging

from otp.models import AuditLog

log = logging.getLogger("otp.audit")


def log_access(actor: int | None, action: str, target: str, route: str = "-") -> None:
    AuditLog.create(actor=actor, action=action, target=target, route=route)


def audit_deriver(view, info):
    action = info.options.get("audit")
    if not action:
        return view

    def audited(context, request):
        response = view(context, request)
        target = request.matchdict.get("pid") or request.matchdict.get("id") or "-"
        log_access(request.authenticated_userid, action, str(target), request.matched_route.name)
        return response

    return audited


audit_deriver.options = ("audit",)
