import logging

import bugsnag
from bugsnag.wsgi.middleware import BugsnagMiddleware
from pyramid.config import Configurator

from otp import db
from otp.audit import audit_deriver
from otp.security import Root, StaffSecurityPolicy, session_factory
from otp.settings import load

log = logging.getLogger("otp")


def main(global_config, **settings):
    cfg = load(settings.get("otp.config"))
    db.connect(cfg["database"])
    bugsnag.configure(
        api_key=__import__("os").environ.get("BUGSNAG_API_KEY"),
        release_stage=cfg["integrations"]["bugsnag_release_stage"],
        project_root=__file__.rsplit("/", 2)[0],
        params_filters=["password", "token"],
        send_environment=True,  # LEAK(logging): full WSGI environ incl. query strings with names/DOBs goes to Bugsnag on every error
    )
    with Configurator(settings=settings, root_factory=Root) as config:
        config.include("pyramid_tm")
        config.set_security_policy(StaffSecurityPolicy())
        config.set_session_factory(session_factory())
        config.add_view_deriver(audit_deriver)
        config.add_tween("otp.db.tween_factory")

        config.add_route("login", "/login")
        config.add_route("patients", "/patients")
        config.add_route("patient_search", "/patients/search")
        config.add_route("patient", "/patients/{pid}")
        config.add_route("doses", "/patients/{pid}/doses")
        config.add_route("screens", "/patients/{pid}/screens")
        config.add_route("screen", "/screens/{id}")
        config.add_route("consents", "/patients/{pid}/consents")
        config.add_route("consent_revoke", "/consents/{id}/revoke")
        config.add_route("kiosk_dose", "/kiosk/dose")
        config.add_route("kiosk_token", "/kiosk/token")
        config.add_route("take_home_export", "/exports/take-home/{day}")
        config.add_route("counseling_summary", "/patients/{pid}/counseling/summary")
        config.scan()
        app = config.make_wsgi_app()
    return BugsnagMiddleware(app)
