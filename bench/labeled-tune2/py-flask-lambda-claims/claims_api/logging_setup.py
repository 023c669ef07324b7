import logging.config
import os


def configure_logging() -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "json": {"format": '{"ts":"%(asctime)s","lvl":"%(levelname)s","logger":"%(name)s","msg":"%(message)s"}'},
            },
            "handlers": {
                "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            },
            "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
            "loggers": {
                "claims": {"level": "DEBUG", "propagate": True},
                "botocore": {"level": "DEBUG"},  # LEAK(logging): botocore debug logs full DynamoDB/SQS request bodies (claim items)
                "urllib3": {"level": "WARNING"},
            },
        }
    )
