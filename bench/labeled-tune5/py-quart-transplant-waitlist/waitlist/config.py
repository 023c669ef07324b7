"""Runtime settings for the transplant waitlist service."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: _env("DATABASE_URL"))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL", "redis://localhost:6379/0"))
    amqp_url: str = field(default_factory=lambda: _env("AMQP_URL"))
    secret_key: str = field(default_factory=lambda: _env("SECRET_KEY"))
    field_key: str = field(default_factory=lambda: _env("FIELD_ENCRYPTION_KEY", "mK3b9V1qX0c2hZ8yT4wN6pR5sL7dF0gJ1aE2iU3oQ9k="))  # LEAK(crypto): hard-coded Fernet fallback key
    pseudonym_key: str = field(default_factory=lambda: _env("PSEUDONYM_KEY"))
    unet_base_url: str = field(default_factory=lambda: _env("UNET_BASE_URL"))
    hla_lab_url: str = field(default_factory=lambda: _env("HLA_LAB_URL"))
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST"))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "25")))
    anthropic_api_key: str = field(default_factory=lambda: _env("ANTHROPIC_API_KEY", ""))
    amplitude_api_key: str = field(default_factory=lambda: _env("AMPLITUDE_API_KEY", ""))
    sentry_dsn: str = field(default_factory=lambda: _env("SENTRY_DSN", ""))
    export_dir: str = field(default_factory=lambda: _env("EXPORT_DIR", "/srv/waitlist/exports"))
    backup_bucket: str = field(default_factory=lambda: _env("BACKUP_BUCKET", "tx-waitlist-backups"))


settings = Settings()
