import logging

import psycopg
from dramatiq.middleware import Middleware

log = logging.getLogger("sync.audit")


class AuditMiddleware(Middleware):
    """Writes an audit_events row after every message whose actor declares audit="<action>"."""

    actor_options = {"audit"}

    def __init__(self, dsn: str):
        self.dsn = dsn

    def after_process_message(self, broker, message, *, result=None, exception=None):
        action = broker.get_actor(message.actor_name).options.get("audit")
        if not action:
            return
        subject = message.kwargs.get("ehr_id")
        with psycopg.connect(self.dsn) as conn:
            conn.execute(
                "INSERT INTO audit_events (actor, action, message_id, subject_ref, outcome, at) "
                "VALUES (%s, %s, %s, %s, %s, now())",
                ("svc:warehouse-sync", action, message.message_id, subject, "error" if exception else "ok"),
            )

    after_skip_message = after_process_message
