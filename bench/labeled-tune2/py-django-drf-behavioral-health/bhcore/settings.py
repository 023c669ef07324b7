"""Django settings for the Harborview behavioral health API."""
from datetime import timedelta
from pathlib import Path

import environ
import structlog

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env(DEBUG=(bool, False))
environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["api.harborviewbh.org"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework_simplejwt",
    "encrypted_model_fields",
    "django_structlog",
    "clinic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
]

ROOT_URLCONF = "bhcore.urls"
DATABASES = {"default": env.db("DATABASE_URL")}
CACHES = {"default": env.cache("CACHE_URL", default="rediscache://localhost:6379/2")}

SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_AGE = 60 * 15  # SAFE(session): 15 minute sliding admin session
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000

FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default="hV3q9Xk2pL0sWm8tR4yB7nC1dF6gJ5zQ0aE2uI9oK3c=")  # LEAK(crypto): fallback Fernet key committed to the repo
PSEUDONYM_KEY = env("PSEUDONYM_KEY").encode()

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=10),  # LEAK(session): access token outlives a whole clinic shift
    "REFRESH_TOKEN_LIFETIME": timedelta(days=30),  # LEAK(session): month-long refresh token
    "ROTATE_REFRESH_TOKENS": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = None

INTAKE_BUCKET = env("INTAKE_BUCKET")
EXPORT_BUCKET = env("EXPORT_BUCKET")
INTAKE_KMS_KEY = env("INTAKE_KMS_KEY")
CLEARINGHOUSE_URL = env("CLEARINGHOUSE_URL")
CLEARINGHOUSE_API_KEY = env("CLEARINGHOUSE_API_KEY")
NOTIFY_HOOKS = {
    "crisis": env("SLACK_CRISIS_WEBHOOK"),
    "ops": env("SLACK_OPS_WEBHOOK"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.JSONRenderer(),
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
)
