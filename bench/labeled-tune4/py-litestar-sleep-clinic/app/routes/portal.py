"""Patient portal: magic-link login and own results."""
from datetime import datetime, timedelta, timezone

import jwt
from litestar import Controller, Request, get, post
from litestar.exceptions import NotAuthorizedException

from app.config import settings
from app.models import Patient, SleepStudy


class PortalController(Controller):
    path = "/portal"

    @post("/magic-link")
    async def issue_link(self, data: dict) -> dict:
        token = jwt.encode(
            {"sub": data["patient_id"], "exp": datetime.now(timezone.utc) + timedelta(minutes=10)},  # SAFE(session): ten-minute magic link
            settings.jwt_secret,
            algorithm="HS256",
        )
        return {"sent": True, "debug_token": token if settings.env == "development" else None}

    @post("/session")
    async def exchange(self, request: Request, data: dict) -> dict:
        claims = jwt.decode(data["token"], settings.jwt_secret, algorithms=["HS256"])
        request.set_session({"patient_id": claims["sub"]})
        return {"ok": True}

    @get("/results")
    async def my_results(self, request: Request) -> list[dict]:  # LEAK(audit): returns studies and interpretations; portal router has no audit hook
        pid = request.session.get("patient_id")
        if not pid:
            raise NotAuthorizedException()
        patient = await Patient.get(id=pid)
        studies = await SleepStudy.filter(patient=patient, status="signed")
        return [{"id": s.id, "kind": s.kind, "ahi": s.ahi, "interpretation": s.interpretation} for s in studies]

    @get("/whoami")
    async def whoami(self, request: Request) -> dict:
        pid = request.session.get("patient_id")
        return {"patient_id": pid}
