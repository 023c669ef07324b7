from litestar.logging import LoggingConfig

logging_config = LoggingConfig(
    root={"level": "INFO", "handlers": ["queue_listener"]},
    formatters={"standard": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    loggers={
        "somnus": {"level": "INFO", "propagate": True},
        "tortoise.db_client": {"level": "DEBUG", "propagate": True},  # LEAK(logging): db client debug logs every query with its bound PHI parameters
        "httpx": {"level": "WARNING", "propagate": True},
    },
    log_exceptions="always",
)
