import os

from pyramid.config import Configurator
from pyramid.session import SignedCookieSessionFactory

from .payer import PayerClient
from .security import BillingSecurityPolicy


def main(global_config, **settings):
    settings.setdefault("session.secret", os.environ["BILLING_SESSION_SECRET"])
    settings.setdefault("jwt.secret", os.environ["BILLING_JWT_SECRET"])
    session_factory = SignedCookieSessionFactory(
        settings["session.secret"],
        cookie_name=settings.get("session.cookie_name", "session"),
        timeout=int(settings.get("session.timeout", 1200)),
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    with Configurator(settings=settings) as config:
        config.set_session_factory(session_factory)
        config.set_security_policy(BillingSecurityPolicy(settings))
        config.include("pyramid_tm")
        config.include(".queries")
        config.registry.payer = PayerClient(settings)

        config.add_route("login", "/login")
        config.add_route("magic_login", "/login/link")
        config.add_route("claim", "/claims/{claim_id}")
        config.add_route("claim_submit", "/claims/{claim_id}/submit")
        config.add_route("claim_status", "/claims/{claim_id}/status")
        config.add_route("eligibility", "/eligibility")
        config.add_route("member_claims", "/members/{member_id}/claims")  # LEAK(exposure): member (subscriber) id placed in the URL path
        config.add_route("statement_link", "/statements/{statement_id}/link")
        config.add_route("statement_download", "/statements/download")
        config.add_route("export_claims", "/exports/claims.csv")
        config.add_route("remit_webhook", "/hooks/remit")
        config.add_route("api_token", "/api/token")
        config.scan(".views")
    return config.make_wsgi_app()
