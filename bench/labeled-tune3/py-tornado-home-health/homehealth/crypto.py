import hashlib

from cryptography.fernet import Fernet

from . import config

_fernet = Fernet(config.load()["security"]["field_key"].encode())


def seal(value: str) -> str:
    return _fernet.encrypt(value.encode()).decode()


def unseal(token: str) -> str:
    return _fernet.decrypt(token.encode()).decode()


def evv_member_key(medicaid_id: str, visit_date: str) -> str:
    # the aggregator dedupes on this; spec v2.1 section 4.3
    return hashlib.sha1(f"{medicaid_id}:{visit_date}".encode()).hexdigest()  # LEAK(crypto): unkeyed SHA-1 of the Medicaid id
