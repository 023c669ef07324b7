"""Raw polysomnography (EDF) files and scanned questionnaires live in MinIO."""
import io
import logging

from minio import Minio
from minio.sse import SseKMS

from app.config import settings

log = logging.getLogger("somnus.objects")

_client = Minio(
    settings.minio_endpoint,
    access_key=None,
    secret_key=None,
    secure=False,  # LEAK(transmission): EDF recordings and questionnaires go to objects.somnus.internal without TLS
)
_sse = SseKMS("somnus-psg", {})


def put_recording(key: str, payload: bytes) -> str:
    _client.put_object(settings.minio_bucket, key, io.BytesIO(payload), len(payload), sse=_sse)  # SAFE(storage): KMS server-side encryption
    return key


def put_questionnaire(key: str, pdf: bytes) -> str:
    _client.put_object("intake-scans", key, io.BytesIO(pdf), len(pdf), content_type="application/pdf")  # LEAK(storage): Epworth/STOP-BANG scans stored without server-side encryption
    return key
