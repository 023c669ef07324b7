import json
import logging

import tornado.web

from . import config

log = logging.getLogger("riverbend.web")


class BaseHandler(tornado.web.RequestHandler):
    @property
    def patients(self):
        return self.application.settings["patients"]

    @property
    def visits(self):
        return self.application.settings["visits"]

    def get_current_user(self):
        uid = self.get_secure_cookie("clinician", max_age_days=config.load()["security"]["staff_cookie_days"])
        return uid.decode() if uid else None

    def json_body(self) -> dict:
        return json.loads(self.request.body or b"{}")

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code >= 500:
            log.error("request failed %s %s body=%s", self.request.method, self.request.path, self.request.body)  # LEAK(logging): raw request body (visit or intake JSON) logged on 5xx
        self.finish({"error": self._reason})


class AuditedHandler(BaseHandler):
    """Every handler that touches patient data derives from this: on_finish writes the access record."""

    audit_action = "unspecified"

    def on_finish(self) -> None:
        resource = self.path_kwargs.get("patient_id") or self.path_kwargs.get("visit_id")
        self.application.settings["patients"].audit_later(self.current_user, self.audit_action, resource)
