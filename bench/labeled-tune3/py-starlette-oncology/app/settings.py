from starlette.config import Config
from starlette.datastructures import Secret

config = Config(".env")

ENVIRONMENT = config("ENVIRONMENT", default="development")
DEBUG = config("DEBUG", cast=bool, default=False)

DATABASE_URL = config("DATABASE_URL")
REDIS_URL = config("REDIS_URL", default="redis://localhost:6379/0")
PATHOLOGY_BASE_URL = config("PATHOLOGY_BASE_URL")
PHARMACY_BASE_URL = config("PHARMACY_BASE_URL", default="https://beacon-rx.northbay-onc.org/api")

SESSION_SECRET = config("SESSION_SECRET", cast=Secret)
SESSION_MAX_AGE = config("SESSION_MAX_AGE", cast=int, default=60 * 60 * 24 * 14)  # LEAK(session): portal session lives two weeks
FIELD_KEY = config("FIELD_KEY", cast=Secret)

PORTAL_JWT_SECRET = config("PORTAL_JWT_SECRET", cast=Secret)
PORTAL_TOKEN_TTL_SECONDS = config("PORTAL_TOKEN_TTL_SECONDS", cast=int, default=12 * 3600)  # LEAK(session): portal bearer token valid 12 hours
STAFF_TOKEN_TTL_SECONDS = config("STAFF_TOKEN_TTL_SECONDS", cast=int, default=600)  # SAFE(session): staff tokens expire after 10 minutes

SMTP_HOST = config("SMTP_HOST", default="localhost")
SMTP_PORT = config("SMTP_PORT", cast=int, default=465)
PACKET_BUCKET = config("PACKET_BUCKET", default="nci-tumor-board-packets")
POSTHOG_KEY = config("POSTHOG_KEY", default="")
OPENAI_MODEL = config("OPENAI_MODEL", default="gpt-4o-mini")
DEDUPE_PEPPER = config("DEDUPE_PEPPER", cast=Secret)
