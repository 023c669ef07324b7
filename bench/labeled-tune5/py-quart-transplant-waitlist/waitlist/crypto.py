"""Field sealing and pseudonyms for candidate identifiers."""
from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet

from .config import settings

_fernet = Fernet(settings.field_key.encode())


def seal(value: str | None) -> bytes | None:
    if value is None:
        return None
    return _fernet.encrypt(value.encode())


def unseal(token: bytes | None) -> str | None:
    if token is None:
        return None
    return _fernet.decrypt(token).decode()


def pseudonym(mrn: str) -> str:
    """Stable keyed pseudonym used as the analytics and cache key."""
    return hmac.new(settings.pseudonym_key.encode(), mrn.encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC-SHA256


def dedupe_key(mrn: str, dob: str) -> str:
    """Key used by the UNet reconciliation job to match registrations."""
    return hashlib.md5(f"{mrn}|{dob}".encode()).hexdigest()  # LEAK(crypto): unkeyed MD5 of MRN and DOB
