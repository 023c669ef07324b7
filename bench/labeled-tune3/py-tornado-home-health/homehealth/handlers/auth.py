"""Clinician sign-in, tablet/kiosk tokens and the tablet offline-sync endpoint."""
import datetime as dt
import os

import bcrypt
import diskcache
import jwt
import tornado.web

from .. import config
from ..base import AuditedHandler, BaseHandler


_outbox = diskcache.Cache("/var/cache/riverbend/sync-outbox")


class TabletSyncHandler(AuditedHandler):
    audit_action = "tablet.sync"

    def get_current_user(self):
        auth = self.request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return None
        claims = jwt.decode(auth[7:], os.environ["TABLET_JWT_SECRET"], algorithms=["HS256"])
        return claims["sub"]

    @tornado.web.authenticated
    async def post(self):
        batch = self.json_body()
        accepted = []
        for item in batch["visits"]:
            try:
                visit_id = await self.visits.record_visit(item["patient_id"], self.current_user, item)
                accepted.append(visit_id)
            except KeyError:
                _outbox.set(f"{self.current_user}:{item['client_id']}", item, expire=7 * 86400)  # LEAK(storage): rejected visit (notes, vitals, GPS) parked unencrypted in a disk cache
        self.write({"accepted": accepted, "deferred": len(batch["visits"]) - len(accepted)})


class LoginHandler(BaseHandler):
    async def post(self):
        body = self.json_body()
        staff = await self.application.settings["staff"].find_by_email(body["email"])
        if staff is None or not bcrypt.checkpw(body["password"].encode(), staff["password_hash"]):
            raise tornado.web.HTTPError(401, reason="invalid credentials")
        self.set_secure_cookie(
            "clinician",
            str(staff["_id"]),
            expires_days=config.load()["security"]["staff_cookie_days"],
            httponly=True,
            secure=True,
        )
        self.write({"ok": True})


class TabletTokenHandler(BaseHandler):
    """Issues the token the offline tablet app uses for /sync."""

    @tornado.web.authenticated
    def post(self):
        device = self.json_body()["device_id"]
        token = jwt.encode({"sub": self.current_user, "device": device, "scope": "sync"}, os.environ["TABLET_JWT_SECRET"], algorithm="HS256")  # LEAK(session): sync token has no exp claim and never expires
        self.write({"token": token})


class KioskTokenHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        claims = {
            "sub": self.current_user,
            "scope": "kiosk",
            "exp": dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=10),  # SAFE(session): kiosk token expires after 10 minutes
        }
        self.write({"token": jwt.encode(claims, os.environ["TABLET_JWT_SECRET"], algorithm="HS256")})
