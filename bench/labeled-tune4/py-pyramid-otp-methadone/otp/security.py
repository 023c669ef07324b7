from pyramid.authentication import AuthTktCookieHelper
from pyramid.authorization import ACLHelper, Allow, Authenticated
from pyramid.session import SignedCookieSessionFactory

from otp.settings import load, secret


class Root:
    __acl__ = [
        (Allow, "role:nurse", ("chart.read", "dose.give")),
        (Allow, "role:counselor", ("chart.read", "chart.write", "uds.read")),
        (Allow, "role:physician", ("chart.read", "chart.write", "uds.read", "dose.order", "export")),
        (Allow, "role:kiosk", ("dose.give",)),
        (Allow, Authenticated, "self"),
    ]

    def __init__(self, request):
        self.request = request


class StaffSecurityPolicy:
    def __init__(self):
        cfg = load()["security"]
        self.helper = AuthTktCookieHelper(
            secret("auth_secret_env"),
            hashalg="sha512",
            secure=True,
            http_only=True,
            timeout=cfg["auth_timeout_seconds"],
            reissue_time=cfg["auth_timeout_seconds"] // 10,
        )
        self.acl = ACLHelper()

    def identity(self, request):
        return self.helper.identify(request)

    def authenticated_userid(self, request):
        ident = self.identity(request)
        return int(ident["userid"]) if ident else None

    def permits(self, request, context, permission):
        ident = self.identity(request) or {}
        principals = [f"role:{r}" for r in ident.get("tokens", ())]
        if ident:
            principals.append(Authenticated)
        return self.acl.permits(context, principals, permission)

    def remember(self, request, userid, **kw):
        return self.helper.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.helper.forget(request, **kw)


def session_factory():
    return SignedCookieSessionFactory(
        secret("session_secret_env"),
        secure=True,
        httponly=True,
        timeout=None,  # SAFE(session): UI state/CSRF session, not authentication (login lives in the AuthTkt cookie)
    )
