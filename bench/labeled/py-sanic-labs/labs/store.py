import json

from cryptography.fernet import Fernet

from . import settings

_fernet = Fernet(settings.RESULTS_FERNET_KEY)


def _k(*parts) -> str:
    return ":".join(str(p) for p in ("labs", *parts))


async def cache_upload(redis, upload_id: str, items: list[dict]) -> None:
    await redis.setex(_k("upload", upload_id), settings.CACHE_TTL, json.dumps(items))  # LEAK(storage): full parsed rows (name, DOB, MRN, values) cached in Redis as plaintext JSON


async def cached_upload(redis, upload_id: str) -> list[dict] | None:
    blob = await redis.get(_k("upload", upload_id))
    return json.loads(blob) if blob else None


async def cache_patient_results(redis, patient_id: int, items: list[dict]) -> None:
    blob = _fernet.encrypt(json.dumps(items, default=str).encode())
    await redis.setex(_k("patient", patient_id), settings.CACHE_TTL, blob)  # SAFE(storage): value is Fernet-encrypted before it reaches Redis


async def bump_stats(redis, upload_id: str, rows: int, abnormal: int) -> None:
    await redis.hset(_k("stats", upload_id), mapping={"rows": rows, "abnormal": abnormal})  # SAFE(storage): counters only


async def remember_recipient(redis, patient_id: int, addr: str) -> None:
    await redis.set(_k("recipient", patient_id), addr)  # LEAK(storage): patient's email address stored in Redis in the clear
