"""Tortoise field that keeps PHI columns sealed with Fernet."""
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from tortoise import fields

from app.config import settings

# Used only when FIELD_KEY is not configured (dev laptops, first boot of a new site).
_FALLBACK_KEY = b"q3N1x8bV0Yy2hXlG7rQm4cT5uW9eZ6aJ1kD0sF3gH2I="  # LEAK(crypto): hard-coded Fernet key used in production when FIELD_KEY is unset


def _cipher() -> MultiFernet:
    keys = [k for k in settings.field_key.split(",") if k] or [_FALLBACK_KEY.decode()]
    return MultiFernet([Fernet(k) for k in keys])


class EncryptedTextField(fields.TextField):
    """Stores Fernet ciphertext; the Python side always sees plaintext."""

    def to_db_value(self, value: Any, instance: Any) -> Any:
        if value is None:
            return None
        return _cipher().encrypt(str(value).encode()).decode()

    def to_python_value(self, value: Any) -> Any:
        if value is None or not isinstance(value, str) or not value.startswith("gAAAA"):
            return value
        return _cipher().decrypt(value.encode()).decode()
