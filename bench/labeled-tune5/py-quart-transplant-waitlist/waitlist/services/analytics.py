"""Product analytics (Amplitude) for coordinator workflow metrics."""
from __future__ import annotations

from amplitude import Amplitude, BaseEvent

from ..config import settings

_client = Amplitude(settings.amplitude_api_key) if settings.amplitude_api_key else None


def track(user_id: str, event: str, props: dict | None = None) -> None:
    if _client is None:
        return
    _client.track(BaseEvent(event_type=event, user_id=user_id, event_properties=props or {}))


def track_count(event: str, count: int) -> None:
    if _client is None:
        return
    _client.track(BaseEvent(event_type=event, device_id="waitlist-server", event_properties={"count": count}))
