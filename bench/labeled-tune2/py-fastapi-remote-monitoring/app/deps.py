from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, HTTPException, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from .config import get_settings
from .db import get_session
from .models import AuditLog

oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token")


def issue_token(username: str) -> str:
    s = get_settings()
    exp = datetime.now(timezone.utc) + timedelta(minutes=s.jwt_ttl_minutes)
    return jwt.encode({"sub": username, "exp": exp}, s.jwt_secret, algorithm="HS256")


def issue_device_token(serial: str) -> str:
    s = get_settings()
    exp = datetime.now(timezone.utc) + timedelta(minutes=s.device_token_ttl_minutes)
    return jwt.encode({"serial": serial, "exp": exp}, s.jwt_secret, algorithm="HS256")


def current_user(token: str = Depends(oauth2)) -> str:
    try:
        claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="invalid token")
    return claims["sub"]


def device_serial(request: Request) -> str:
    token = request.headers.get("x-device-token", "")
    claims = jwt.decode(token, options={"verify_signature": False})  # LEAK(crypto): device tokens accepted without signature check
    return claims["serial"]


def audit_access(action: str):
    """Route dependency that writes an AuditLog row for every clinical read or write."""

    def _dep(request: Request, user: str = Depends(current_user), session: Session = Depends(get_session)) -> str:
        pid = request.path_params.get("patient_id")
        session.add(AuditLog(actor=user, action=action, path=request.url.path, patient_id=int(pid) if pid else None))
        session.commit()
        return user

    return _dep
