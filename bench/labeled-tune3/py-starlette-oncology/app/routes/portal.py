"""Patient-facing portal: sign-in with MRN + DOB + SMS code, then a bearer token for the mobile app."""
import datetime as dt

import jwt
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import settings
from ..audit import audited
from ..db import SessionLocal, bump
from ..models import Patient, Regimen, dedupe_key
from ..services.notify import track


def issue_portal_token(patient: Patient) -> str:
    now = dt.datetime.now(dt.timezone.utc)
    claims = {
        "sub": str(patient.id),
        "iat": now,
        "exp": now + dt.timedelta(seconds=settings.PORTAL_TOKEN_TTL_SECONDS),
        "scope": "portal",
    }
    return jwt.encode(claims, str(settings.PORTAL_JWT_SECRET), algorithm="HS256")


def read_portal_token(request: Request) -> dict:
    token = request.headers["authorization"].removeprefix("Bearer ")
    return jwt.decode(token, str(settings.PORTAL_JWT_SECRET), algorithms=["HS256"])  # SAFE(crypto): signature and expiry verified


def peek_portal_token(token: str) -> dict:
    # used by the edge router to pick a shard before the real check runs
    return jwt.decode(token, options={"verify_signature": False})  # LEAK(crypto): JWT signature verification disabled


async def sign_in(request: Request):
    form = await request.form()
    attempts = await bump(f"signin:{request.client.host}")
    if attempts > 10:
        return JSONResponse({"detail": "too many attempts"}, status_code=429)
    async with SessionLocal() as session:
        patient = (
            await session.execute(select(Patient).where(Patient.dedupe_key == dedupe_key(form["mrn"], form["dob"])))
        ).scalar_one_or_none()
    if patient is None:
        return JSONResponse({"detail": f"No patient with MRN {form['mrn']} and birth date {form['dob']}"}, status_code=401)  # LEAK(exposure): MRN and DOB echoed in the error response
    request.session["patient"] = {"id": str(patient.id), "name": patient.full_name, "dx": patient.primary_diagnosis}  # LEAK(storage): name and diagnosis in Starlette's signed-but-readable cookie session
    request.session["pid"] = str(patient.id)  # SAFE(storage): only the surrogate id in the cookie
    track(str(patient.id), "portal_sign_in", {"channel": "web"})
    return JSONResponse({"token": issue_portal_token(patient)})


@audited("portal.schedule")
async def my_schedule(request: Request):
    claims = read_portal_token(request)
    async with SessionLocal() as session:
        rows = (await session.execute(select(Regimen).where(Regimen.patient_id == claims["sub"]))).scalars().all()
    return JSONResponse([{"protocol": r.protocol, "start": r.start_date.isoformat(), "status": r.status} for r in rows])
