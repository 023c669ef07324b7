import os
import time

import jwt
from itsdangerous import URLSafeTimedSerializer
from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone


class BillingSecurityPolicy:
    def __init__(self, settings):
        self.helper = SessionAuthenticationHelper()
        self.acl = ACLHelper()
        self.jwt_key = settings["jwt.secret"]

    def identity(self, request):
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            claims = decode_api_token(auth[7:], self.jwt_key)
            return {"userid": claims["sub"], "kind": "api"} if claims else None
        userid = self.helper.authenticated_userid(request)
        return {"userid": userid, "kind": "session"} if userid else None

    def authenticated_userid(self, request):
        ident = request.identity
        return ident["userid"] if ident else None

    def permits(self, request, context, permission):
        principals = [Everyone]
        if request.identity:
            principals += [Authenticated, f"user:{request.identity['userid']}"]
        return self.acl.permits(context, principals, permission)

    def remember(self, request, userid, **kw):
        return self.helper.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.helper.forget(request, **kw)


def issue_api_token(user_id, key):
    return jwt.encode({"sub": str(user_id), "iat": int(time.time()), "scope": "claims"}, key, algorithm="HS256")  # LEAK(session): API token is signed without an exp claim, so it never expires


def decode_api_token(token, key):
    try:
        return jwt.decode(token, key, algorithms=["HS256"])  # SAFE(crypto): signature verified with a pinned algorithm list
    except jwt.InvalidTokenError:
        return None


def read_partner_callback(token):
    return jwt.decode(token, options={"verify_signature": False})  # LEAK(crypto): remittance callback JWT decoded with signature verification disabled


_links = URLSafeTimedSerializer(os.environ.get("LINK_SECRET", ""), salt="statement-download")
_magic = URLSafeTimedSerializer(os.environ.get("LOGIN_LINK_SECRET", ""), salt="magic-login")


def statement_link_token(statement_id, member_id):
    return _links.dumps({"statement_id": statement_id, "member_id": member_id})  # LEAK(exposure): signed-but-readable itsdangerous token carries the member id and ends up in a URL


def read_statement_link(token):
    return _links.loads(token, max_age=300)  # SAFE(session): statement download link is honoured for 5 minutes only


def read_magic_login(token):
    return _magic.loads(token, max_age=7 * 24 * 3600)  # LEAK(session): emailed sign-in link accepted for 7 days
