import os

DATABASE_URL = os.environ.get(
    "DATABASE_URL",
    "postgresql://labs@labs-db.prod.internal:5432/labs?sslmode=verify-full",  # SAFE(transmission): Postgres connection requires TLS (sslmode=verify-full)
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://labs-cache.prod.internal:6379/2")  # LEAK(transmission): Redis cache holding lab rows reached over redis:// (no TLS) on a remote host
CACHE_TTL = int(os.environ.get("CACHE_TTL", "3600"))
RESULTS_FERNET_KEY = os.environ["RESULTS_FERNET_KEY"]

SMTP_HOST = os.environ.get("SMTP_HOST", "mail-relay.prod.internal")
SMTP_PORT = int(os.environ.get("SMTP_PORT", "25"))
SMTP_SSL_HOST = os.environ.get("SMTP_SSL_HOST", "smtp.securemail-relay.net")
SMTP_USER = os.environ.get("SMTP_USER", "labs-digest")
SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
REPORT_FROM = "results-noreply@labs.example-clinic.org"

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
JWT_SECRET = os.environ["STAFF_JWT_SECRET"]

# NOTE(legal): no BAA signed with the LLM vendor yet
ANTHROPIC_MODEL = os.environ.get("ANTHROPIC_MODEL", "claude-3-5-sonnet-latest")

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
