"""AES-GCM sealing for member identifiers stored at rest."""
from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .settings import settings


def _aead() -> AESGCM:
    return AESGCM(settings()["secrets"]["field_key"])


def seal(text: str | None) -> bytes | None:
    if text is None:
        return None
    nonce = os.urandom(12)
    return nonce + _aead().encrypt(nonce, text.encode(), b"pbm-member")


def unseal(blob: bytes | None) -> str | None:
    if not blob:
        return None
    return _aead().decrypt(blob[:12], blob[12:], b"pbm-member").decode()


def legacy_cardholder_id(ssn: str) -> str:
    """Cardholder id format inherited from the 2009 adjudication platform."""
    return hashlib.sha1(ssn.replace("-", "").encode()).hexdigest()[:12].upper()  # LEAK(crypto): unkeyed SHA-1 of the SSN as member identifier
