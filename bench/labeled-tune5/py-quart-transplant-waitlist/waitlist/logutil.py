"""JSON logging setup and a small structured-event helper used across the service."""
from __future__ import annotations

import logging
import sys

from pythonjsonlogger import jsonlogger

_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(jsonlogger.JsonFormatter(_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("hypercorn.access").setLevel(logging.WARNING)


_events = logging.getLogger("waitlist.events")


def log_event(event: str, **fields) -> None:
    """Emit one structured event line; fields become top-level JSON keys."""
    _events.info(event, extra=fields)


def warn_event(event: str, **fields) -> None:
    _events.warning(event, extra=fields)
