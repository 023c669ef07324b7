import os
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Settings:
    database_url: str = os.getenv(
        "DATABASE_URL", "postgresql+asyncpg://tele@tele-db.prod.internal:5432/telehealth?ssl=require"
    )
    jwt_secret: str = os.getenv("JWT_SECRET", "")
    field_key: str = os.getenv("FIELD_ENCRYPTION_KEY", "")
    lookup_pepper: bytes = os.getenv("MRN_LOOKUP_PEPPER", "").encode()
    room_token_ttl: timedelta = timedelta(minutes=10)
    video_api: str = "https://api.vidmeet-health.net/v2"
    erx_gateway: str = "http://erx-gw.pharmlink.internal:8080/api"  # LEAK(transmission): e-prescribing gateway (patient + drug payloads) reached over plain http on a non-loopback host
    sidecar_url: str = "http://127.0.0.1:9901"  # SAFE(transmission): loopback metrics sidecar, aggregate counts only
    sms_api: str = "https://sms.notifyhub.io/v1/messages"
    mixpanel_token: str = os.getenv("MIXPANEL_TOKEN", "")
    debug: bool = os.getenv("APP_DEBUG", "1") == "1"  # LEAK(exposure): debug mode defaults to on when APP_DEBUG is unset, so Litestar serves tracebacks with request data


settings = Settings()
