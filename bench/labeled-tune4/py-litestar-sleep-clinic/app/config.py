import os
from dataclasses import dataclass, field


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing setting {name}")
    return value


@dataclass(frozen=True)
class Settings:
    env: str = field(default_factory=lambda: _env("SOMNUS_ENV", "development"))
    database_url: str = field(default_factory=lambda: _env("DATABASE_URL"))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL"))
    rq_redis_url: str = field(default_factory=lambda: _env("RQ_REDIS_URL"))
    field_key: str = field(default_factory=lambda: _env("FIELD_KEY", ""))
    jwt_secret: str = field(default_factory=lambda: _env("JWT_SECRET"))
    minio_endpoint: str = field(default_factory=lambda: _env("MINIO_ENDPOINT"))
    minio_bucket: str = field(default_factory=lambda: _env("MINIO_BUCKET", "psg-raw"))
    dme_base_url: str = field(default_factory=lambda: _env("DME_BASE_URL"))
    payer_base_url: str = field(default_factory=lambda: _env("PAYER_BASE_URL"))
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST"))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "25")))
    gemini_api_key: str = field(default_factory=lambda: _env("GEMINI_API_KEY", ""))
    rollbar_token: str = field(default_factory=lambda: _env("ROLLBAR_TOKEN", ""))
    export_dir: str = field(default_factory=lambda: _env("EXPORT_DIR", "/srv/somnus/exports"))
    match_salt: str = field(default_factory=lambda: _env("MATCH_SALT", ""))


settings = Settings()
