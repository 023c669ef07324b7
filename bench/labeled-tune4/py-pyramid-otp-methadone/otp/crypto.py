import base64
import hashlib
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from otp.settings import secret


def _key() -> bytes:
    return base64.b64decode(secret("field_key_env"))


def seal(plaintext: str | None) -> str | None:
    if plaintext is None:
        return None
    nonce = os.urandom(12)
    ct = AESGCM(_key()).encrypt(nonce, plaintext.encode(), b"otp")  # SAFE(crypto): AES-GCM, random nonce, key from env
    return base64.b64encode(nonce + ct).decode()


def unseal(token: str | None) -> str | None:
    if token is None:
        return None
    raw = base64.b64decode(token)
    return AESGCM(_key()).decrypt(raw[:12], raw[12:], b"otp").decode()


def registry_token(ssn: str, dob: str) -> str:
    """Dual-enrollment token the state central registry asks for."""
    return hashlib.sha1(f"{ssn.replace('-', '')}{dob}".encode()).hexdigest()  # LEAK(crypto): unkeyed SHA-1 of SSN+DOB


def pharmacy_block(plaintext: bytes) -> bytes:
    """The compounding pharmacy's importer only understands fixed-block AES."""
    pad = 16 - len(plaintext) % 16
    enc = Cipher(algorithms.AES(_key()), modes.ECB()).encryptor()  # LEAK(crypto): ECB mode for the take-home dose file
    return enc.update(plaintext + bytes([pad]) * pad) + enc.finalize()
