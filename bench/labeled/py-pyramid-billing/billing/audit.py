import functools
from datetime import datetime, timezone

from sqlalchemy import text


def audited(action):
    """View decorator: writes one audit_entries row per call (actor, action, resource, outcome)."""

    def deco(view):
        @functools.wraps(view)
        def wrapper(context, request):
            outcome = "ok"
            try:
                return view(context, request)
            except Exception:
                outcome = "error"
                raise
            finally:
                ref = request.matchdict.get("claim_id") or request.matchdict.get("statement_id")
                request.dbsession.execute(
                    text(
                        "INSERT INTO audit_entries (actor_id, action, resource_id, outcome, at) "
                        "VALUES (:a, :act, :r, :o, :t)"
                    ),
                    {"a": request.authenticated_userid, "act": action, "r": ref, "o": outcome, "t": datetime.now(timezone.utc)},
                )

        return wrapper

    return deco
