"""Match nightly uploads from the CPAP device cloud to our patients."""
import hashlib
import hmac

from app.config import settings


def legacy_match_key(mrn: str, dob: str) -> str:
    return hashlib.md5(f"{mrn}|{dob}".encode()).hexdigest()  # LEAK(crypto): unkeyed MD5 of MRN and DOB as the matching key


def match_key(mrn: str, dob: str) -> str:
    return hmac.new(settings.match_salt.encode(), f"{mrn}|{dob}".encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC-SHA256
