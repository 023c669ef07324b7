import logging
import os
import sys

import sentry_sdk
import structlog

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

with open(os.environ.get("RELAY_CONFIG", "config/relay.toml"), "rb") as fh:
    CONFIG = tomllib.load(fh)

DATABASE_URL = os.environ["DATABASE_URL"]
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


def configure():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )
    sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"), include_local_variables=False, max_request_body_size="never")  # SAFE(logging): locals and bodies not uploaded
