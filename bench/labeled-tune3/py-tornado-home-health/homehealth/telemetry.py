import json
import logging
import os

from mixpanel import Mixpanel

log = logging.getLogger("riverbend")
_mp = Mixpanel(os.environ.get("MIXPANEL_TOKEN", ""))


def emit(handler_name: str, **context) -> None:
    """Single-line JSON operational events, picked up by the Fluent Bit sidecar."""
    log.info("%s %s", handler_name, json.dumps(context, default=str))


def track(distinct_id: str, event: str, **props) -> None:
    try:
        _mp.track(distinct_id, event, props)
    except Exception:  # analytics must never break a visit
        log.debug("mixpanel unavailable")
